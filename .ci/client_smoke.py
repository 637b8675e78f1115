"""A client generated from the contract (openapi-python-client), used as generated: sign in, create a partner and
an activity under a measure with it, publish the activity, and find it in the year's report.
Usage: client_smoke.py BASE_URL ADMIN_PASSWORD (with the generated package `intercoop_client` importable)."""
import builtins
import datetime
import sys
import uuid

from intercoop_client.types import Unset

# openapi-python-client 0.28-0.29 annotates an operation with a body of two media types (sign-in: JSON or a form)
# as `... | Unset` without importing Unset, which Python before 3.14 evaluates at import; the name is supplied here,
# and the generated code is used as generated.
builtins.Unset = Unset

from intercoop_client import AuthenticatedClient  # noqa: E402
from intercoop_client.api.activities import create_activity, publish_activity
from intercoop_client.api.auth import issue_token
from intercoop_client.api.partners import create_partner
from intercoop_client.api.programmes import list_measures, list_programmes
from intercoop_client.api.reports import get_report
from intercoop_client.models import (
    ActivityDraft,
    ActivityKind,
    CountryCode,
    LocalizedText,
    PartnerDraft,
    PartnerKind,
    PartnerLink,
    PartnerRole,
    PasswordLogin,
    ReportFormat,
)

base, password = sys.argv[1:3]
anonymous = AuthenticatedClient(base_url=base, token="", prefix="", auth_header_name="X-No-Token")
token = issue_token.sync(client=anonymous, body=PasswordLogin(username="admin", password=password))
assert token is not None and getattr(token, "access_token", None), f"signing in: {token}"
client = AuthenticatedClient(base_url=base, token=token.access_token)

name = f"Вроцлав {uuid.uuid4().hex[:6]}"
partner = create_partner.sync(
    client=client,
    body=PartnerDraft(name=LocalizedText(uk=name, en=name), kind=PartnerKind.PARTNER_CITY, country=CountryCode.PL),
)
assert getattr(partner, "id", None), f"creating a partner: {partner}"

programme = list_programmes.sync(client=client).items[0]
measure = list_measures.sync(client=client, code="1.2").items[0]
activity = create_activity.sync(
    client=client,
    body=ActivityDraft(
        title=LocalizedText(uk=f"Робоча зустріч з делегацією міста {name}", en=f"Working meeting with {name}"),
        kind=ActivityKind.MEETING,
        start_date=datetime.date(2024, 11, 5),
        measure_ids=[measure.id],
        partners=[PartnerLink(partner_id=partner.id, role=PartnerRole.PARTICIPANT)],
    ),
)
assert getattr(activity, "id", None), f"creating an activity: {activity}"
published = publish_activity.sync(id=activity.id, client=client)
assert str(getattr(published, "publication", "")).endswith("published"), f"publishing: {published}"

report = get_report.sync(id=programme.id, year=2024, client=client, format_=ReportFormat.JSON)
entries = [e for s in report.sections for m in s.measures for e in m.entries]
assert any(e.activity_id == activity.id for e in entries), "the published activity is in the 2024 report"
print(f"ok   generated client: signed in, created a partner and an activity, published it, found it in the report "
      f"({len(entries)} entries)")
