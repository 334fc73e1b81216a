#!/usr/bin/env bash
# The .deb's life on a clinic PC, as root: install (with dependencies), preset system configuration, self-test, a
# headless card read + check-in against a simulated card through pcscd, upgrade to a newer build (database, keys and
# configuration survive), remove (data kept), purge (configuration gone, visit data still kept).
#
# usage: packaging/ci/install-test.sh OLD.deb NEW.deb     (run by .ci/run after building both; needs pcscd + vpcd
# running, and DISPLAY for the JavaFX check — without it self-test reports JavaFX as SKIP headless)
set -euo pipefail

old_deb=$(readlink -f "$1")
new_deb=$(readlink -f "$2")
step() { echo; echo "== install-test: $*"; }
fail() { echo "install-test FAILED: $*" >&2; exit 1; }

work=$(mktemp -d /tmp/clinicterm-install-test.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# the terminal's data directory by the default rule ($XDG_DATA_HOME/clinicterm, else ~/.local/share/clinicterm),
# pointed at a fresh directory so this machine's own data is never touched; CLINICTERM_HOME stays unset
export XDG_DATA_HOME="$work/home/.local/share"
mkdir -p "$XDG_DATA_HOME"
unset CLINICTERM_HOME CLINICTERM_SYSTEM_CONFIG
data="$XDG_DATA_HOME/clinicterm"
printf 'quay-1-Mat-khau!\n' > "$work/admin.pw"
printf 'le-tan-Mat-khau!\n' > "$work/reception.pw"

if dpkg-query -W -f='${Status}' clinicterm 2>/dev/null | grep -q "installed"; then
  step "removing a clinicterm left from an earlier run"
  dpkg --purge clinicterm
fi

step "install $old_deb"
dpkg -i "$old_deb" || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -f --no-install-recommends; }
[ "$(dpkg-query -W -f='${Status}' clinicterm)" = "install ok installed" ] || fail "package not configured"
[ "$(dpkg-query -W -f='${Version}' clinicterm)" = "$(dpkg-deb -f "$old_deb" Version)" ] || fail "wrong version"
command -v clinicterm >/dev/null || fail "/usr/bin/clinicterm missing"
[ -f /etc/clinicterm/clinicterm.properties ] || fail "no system configuration installed"
clinicterm --version
if [ -f /opt/clinicterm/lib/app/clinicterm.aot ]; then
  # the cache trained at build time must match the installed files, or the JVM silently ignores it
  JAVA_TOOL_OPTIONS="-Xlog:aot=info" clinicterm --version 2>&1 | grep -q "Using AOT-linked classes: true" \
    || fail "the bundled AOT cache is not used by the installed launcher"
  echo "AOT cache in use"
fi

step "clinic IT presets the system configuration (central service, facility)"
central_port=18443
while (exec 3<>/dev/tcp/127.0.0.1/"$central_port") 2>/dev/null; do central_port=$((central_port + 1)); done
clinicterm central-sim --port "$central_port" > "$work/central.log" 2>&1 &
pids+=($!)
cat >> /etc/clinicterm/clinicterm.properties <<CONF
sync.url=http://127.0.0.1:$central_port/
sync.facilityCode=79001
CONF
for _ in $(seq 1 100); do
  (exec 3<>/dev/tcp/127.0.0.1/"$central_port") 2>/dev/null && break
  sleep 0.1
done

step "first run: preset trust anchors (the simulator's test CSCAs) and the first admin account"
clinicterm sim --export-pki "$work/pki" > /dev/null
# clinic IT puts the trust material on the PC and names it in the system configuration: every user's trust store
# is provisioned from it at first use (kept outside /etc/clinicterm here, because purge must remove that directory)
install -d "$work/trust"
cp "$work/pki/csca-brainpool.der" "$work/pki/csca-rsapss.der" "$work/pki/csca.crl" "$work/trust/"
echo "trust.anchors=$work/trust" >> /etc/clinicterm/clinicterm.properties
clinicterm users add admin --role admin --new-password-file "$work/admin.pw" < /dev/null
clinicterm users add le.tan --role reception --user admin --password-file "$work/admin.pw" \
  --new-password-file "$work/reception.pw" < /dev/null
[ -f "$data/clinicterm.db" ] || fail "the database is not in the default data directory $data"

step "self-test"
clinicterm self-test | tee "$work/self-test.txt" || fail "self-test failed after install"
grep -q "provisioned from trust.anchors" "$work/self-test.txt" || fail "the trust store was not provisioned from trust.anchors"

step "headless read + check-in of a simulated card through pcscd"
clinicterm sim --citizen 1 > "$work/sim.json" 2> "$work/sim.log" &
pids+=($!)
for _ in $(seq 1 100); do
  grep -q '"idNumber"' "$work/sim.json" 2>/dev/null && break
  sleep 0.1
done
id=$(sed -n 's/.*"idNumber":"\([0-9]\{12\}\)".*/\1/p' "$work/sim.json")
[ -n "$id" ] || fail "the simulated card did not start: $(cat "$work/sim.log")"
clinicterm read --reader "Virtual PCD 00 00" --id "$id" --wait 10 --json --check-in --user le.tan \
  --password-file "$work/reception.pw" > "$work/read.json"
grep -q '"verification":{"indication":"PASSED"' "$work/read.json" || fail "the card did not verify: $(cat "$work/read.json")"
grep -q '"visit":{"recorded":true' "$work/read.json" || fail "the check-in did not happen: $(cat "$work/read.json")"
echo "read: PASSED, visit recorded"
clinicterm visits today --user le.tan --password-file "$work/reception.pw" | tee "$work/visits-before.txt"
[ "$(grep -c . "$work/visits-before.txt")" -ge 1 ] || fail "no visit recorded"
clinicterm db status

step "upgrade to $new_deb"
dpkg -i "$new_deb" || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -f --no-install-recommends; }
[ "$(dpkg-query -W -f='${Version}' clinicterm)" = "$(dpkg-deb -f "$new_deb" Version)" ] || fail "upgrade did not happen"
grep -q "sync.facilityCode=79001" /etc/clinicterm/clinicterm.properties || fail "upgrade lost the system configuration"
clinicterm visits today --user le.tan --password-file "$work/reception.pw" > "$work/visits-after.txt"
diff "$work/visits-before.txt" "$work/visits-after.txt" || fail "visits changed across the upgrade"
clinicterm self-test || fail "self-test failed after upgrade"

step "remove: program gone, configuration and data kept"
dpkg -r clinicterm
[ ! -e /opt/clinicterm/bin/clinicterm ] || fail "program still installed"
[ ! -e /usr/bin/clinicterm ] || fail "/usr/bin/clinicterm left behind"
[ -f /etc/clinicterm/clinicterm.properties ] || fail "remove deleted the configuration"
[ -f "$data/clinicterm.db" ] && [ -d "$data/keys" ] || fail "remove deleted the visit data"

step "purge: configuration gone, visit data still kept"
dpkg --purge clinicterm
[ ! -e /etc/clinicterm ] || fail "purge left /etc/clinicterm"
[ -f "$data/clinicterm.db" ] || fail "purge deleted the visit database"

echo
echo "install-test: OK ($(basename "$old_deb") -> $(basename "$new_deb"))"
