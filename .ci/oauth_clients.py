"""Two standard OAuth2 client libraries use the token endpoint as RFC 6749 describes it, with no adaptation:
Authlib's and requests-oauthlib's sessions sign in with a password (and refresh the token) and with client
credentials (HTTP Basic), and read a wrong password as `invalid_grant` and a wrong secret as `invalid_client`.
Usage: oauth_clients.py BASE_URL ADMIN_PASSWORD ADMIN_TOKEN"""
import os
import sys
import uuid

import requests
from authlib.integrations.base_client import OAuthError
from authlib.integrations.requests_client import OAuth2Session as AuthlibSession
from oauthlib.oauth2 import BackendApplicationClient, InvalidClientError, InvalidGrantError, LegacyApplicationClient
from requests_oauthlib import OAuth2Session as OAuthlibSession

# The service under test listens on loopback over plain HTTP.
os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = "1"

base, password, admin_token = sys.argv[1:4]
token_url = f"{base}/api/v1/auth/token"
me_url = f"{base}/api/v1/me"


def ok(what):
    print(f"ok   {what}")


def expect_failure(error, call):
    try:
        call()
    except (OAuthError, InvalidGrantError, InvalidClientError) as e:
        got = getattr(e, "error", None)
        assert got == error, f"expected {error}, got {got}: {e}"
        return
    raise AssertionError(f"expected {error}, the sign-in succeeded")


client_id = f"oauth-ci-{uuid.uuid4().hex[:8]}"
created = requests.post(
    f"{base}/api/v1/service-accounts",
    headers={"Authorization": f"Bearer {admin_token}"},
    json={"client_id": client_id, "name": "OAuth2 libraries in CI", "role": "viewer"},
    timeout=10,
)
assert created.status_code == 201, created.text
secret = created.json()["client_secret"]

# Authlib
session = AuthlibSession(client_id="intercoop-ci", token_endpoint_auth_method="none")
token = session.fetch_token(token_url, username="admin", password=password)
assert session.get(me_url, timeout=10).json()["subject"] == "admin"
refreshed = session.refresh_token(token_url, refresh_token=token["refresh_token"])
assert refreshed["refresh_token"] != token["refresh_token"]
assert session.get(me_url, timeout=10).status_code == 200
expect_failure("invalid_grant", lambda: session.refresh_token(token_url, refresh_token=token["refresh_token"]))
ok("Authlib: password grant, refresh_token grant, a used refresh token is invalid_grant")
system = AuthlibSession(client_id, secret, token_endpoint_auth_method="client_secret_basic")
system.fetch_token(token_url, grant_type="client_credentials")
assert system.get(me_url, timeout=10).json()["subject"] == client_id
wrong = AuthlibSession(client_id, "not the secret", token_endpoint_auth_method="client_secret_basic")
expect_failure("invalid_client", lambda: wrong.fetch_token(token_url, grant_type="client_credentials"))
ok("Authlib: client_credentials grant with HTTP Basic, a wrong secret is invalid_client")
stranger = AuthlibSession(client_id="intercoop-ci", token_endpoint_auth_method="none")
expect_failure("invalid_grant", lambda: stranger.fetch_token(token_url, username="admin", password="not the password"))
ok("Authlib: a wrong password is invalid_grant")

# requests-oauthlib
person = OAuthlibSession(client=LegacyApplicationClient(client_id="intercoop-ci"))
token = person.fetch_token(token_url, username="admin", password=password, include_client_id=True)
assert person.get(me_url, timeout=10).json()["subject"] == "admin"
refreshed = person.refresh_token(token_url, refresh_token=token["refresh_token"], client_id="intercoop-ci")
assert refreshed["refresh_token"] != token["refresh_token"]
ok("requests-oauthlib: password grant, refresh_token grant")
machine = OAuthlibSession(client=BackendApplicationClient(client_id=client_id))
machine.fetch_token(token_url, client_id=client_id, client_secret=secret)
assert machine.get(me_url, timeout=10).json()["subject"] == client_id
expect_failure(
    "invalid_client",
    lambda: OAuthlibSession(client=BackendApplicationClient(client_id=client_id)).fetch_token(
        token_url, client_id=client_id, client_secret="not the secret"
    ),
)
ok("requests-oauthlib: client_credentials grant with HTTP Basic, a wrong secret is invalid_client")
