# The e2e scripts' shared harness, sourced (never run: `make e2e` runs only
# tests/e2e/*.sh) by each script as  . "$(dirname "$0")/lib/harness.sh"
# It sets $root, $texts, $DUWEN (default: the build tree's), a private $tmp
# removed on exit with the script's own tmux server, a private HOME and XDG
# directories, and the fails counter that ok/fail/wait_for keep.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
DUWEN=${DUWEN:-$root/build/duwen}
texts=$root/texts
tmp=$(mktemp -d)
# one private tmux server per script run (tmux's regress scripts do the same)
sock=duwen-e2e-$(basename "$0" .sh)-$$
T() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() { T kill-server 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
# a signal ends the script (through the EXIT trap), not only its tmux server
trap 'exit 1' INT TERM
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share"
mkdir -p "$HOME"
fails=0

ok() { echo "ok: $1"; }
fail() { echo "FAIL: $1"; fails=$((fails + 1)); }
keys() { T send-keys -t e2e "$@"; }
# screen [SESSION] [FLAGS]: capture-pane FLAGS (e.g. -e) of SESSION (e2e)
# into $tmp/screen
screen() { T capture-pane -p ${2:-} -t "${1:-e2e}" >"$tmp/screen"; }
# wait_for TEXT [SESSION] [FLAGS]: poll until the screen shows TEXT (10 s);
# on a timeout count a failure and print the screen
wait_for() {
	n=0
	while [ "$n" -lt 100 ]; do
		screen "${2:-e2e}" "${3:-}"
		grep -qF -- "$1" "$tmp/screen" && return 0
		n=$((n + 1))
		sleep 0.1
	done
	fail "timed out waiting for '$1'; the screen:"
	cat "$tmp/screen"
	return 1
}
# start_duwen SESSION COLS ROWS ENV ARGS...: run duwen with ARGS (quoted as
# the shell command wants them) in a fresh session of COLS x ROWS with the
# private HOME and ENV (e.g. "TERM=vt100 NO_COLOR=1"; later ones win), then
# say "duwen exited STATUS" and stay, so that the status can be waited for
start_duwen() {
	h_sess=$1 h_cols=$2 h_rows=$3 h_env=$4
	shift 4
	# a session that outlives the others: killing the only session ends the
	# server, and a new-session racing with that exit fails ("server exited
	# unexpectedly"), which happened under the slower sanitizer build
	T has-session -t h-keep 2>/dev/null || T new-session -d -s h-keep "sleep 600"
	T kill-session -t "$h_sess" 2>/dev/null
	T new-session -d -s "$h_sess" -x "$h_cols" -y "$h_rows" \
		"env LC_ALL=C.UTF-8 TERM=xterm-256color HOME='$HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XDG_DATA_HOME='$XDG_DATA_HOME' ${DUWEN_DATA:+DUWEN_DATA='$DUWEN_DATA'} $h_env '$DUWEN' $*; echo duwen exited \$?; sleep 600"
}
# finish NAME: the summary line; the script's status is whether all passed
finish() {
	[ "$fails" -eq 0 ] && echo "$1: all passed" || echo "$1: $fails failed"
	[ "$fails" -eq 0 ]
}
