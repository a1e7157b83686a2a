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
# h_duwens [SESSION]: the duwen processes in the panes of SESSION (all
# sessions by default): the children of the panes' shells
h_duwens() {
	if [ -n "${1:-}" ]; then
		h_panes=$(T list-panes -s -t "$1" -F '#{pane_pid}' 2>/dev/null)
	else
		h_panes=$(T list-panes -a -F '#{pane_pid}' 2>/dev/null)
	fi
	for h_p in $h_panes; do
		pgrep -x -P "$h_p" duwen
	done
}
# h_end [SESSION]: end the duwen processes of SESSION's panes (all
# sessions by default) before their session or server goes: SIGTERM (duwen
# quits on it) while the pty is still there, up to 20 s to end (a zombie
# has ended), then kill -9 what is left, saying which. A hangup instead can
# leave a sanitizer-built duwen spinning for ever (LeakSanitizer's tracer
# stops the process at exit; the hangup's SIGCONT undoes that stop and the
# tracer waits in wait4: orphans the lead found after CI runs). A plain
# duwen still there after SIGTERM is a hang: a failure (1); a sanitizer
# build's is only said.
h_end() {
	h_pids=$(h_duwens "${1:-}")
	[ -n "$h_pids" ] || return 0
	kill -TERM $h_pids 2>/dev/null
	h_n=0
	while :; do
		h_left=
		for h_p in $h_pids; do
			case $(ps -o stat= -p "$h_p" 2>/dev/null) in "" | Z*) ;; *) h_left="$h_left $h_p" ;; esac
		done
		[ -z "$h_left" ] && return 0
		[ "$h_n" -ge 200 ] && break
		h_n=$((h_n + 1))
		sleep 0.1
	done
	for h_p in $h_left; do
		kill -9 "$h_p" 2>/dev/null
		echo "duwen $h_p still running 20 s after SIGTERM: killed"
	done
	grep -q __asan_init "$DUWEN" 2>/dev/null || { fail "duwen$h_left ignored SIGTERM"; return 1; }
}
cleanup() {
	h_rc=0
	h_end || h_rc=1
	T kill-server 2>/dev/null
	rm -rf "$tmp"
	[ "$h_rc" -eq 0 ] || exit 1
}
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
# screen_has GREPFLAG PATTERN [LINES]: do the screen's LINES (a sed
# address such as 1, $ or 3,6; all by default) hold PATTERN (GREPFLAG -F
# for a text, -E for an extended regular expression)?
screen_has() { sed -n "${3:-1,\$}p" "$tmp/screen" | grep -q "$1" -- "$2"; }
# poll_screen TENTHS TEST ARGS...: capture the screen every 0.1 s until the
# shell command TEST ARGS succeeds (0) or TENTHS tries are out (1)
poll_screen() {
	h_tries=$1
	shift
	n=0
	while [ "$n" -lt "$h_tries" ]; do
		screen "$h_sess_w" "$h_flags_w"
		"$@" && return 0
		n=$((n + 1))
		sleep 0.1
	done
	return 1
}
# timed_out WHAT: count a failure and print the screen
timed_out() {
	fail "timed out waiting for $1; the screen:"
	cat "$tmp/screen"
	return 1
}
h_sess_w=e2e h_flags_w=
# wait_for TEXT [SESSION] [FLAGS]: poll until the screen shows TEXT (10 s);
# on a timeout count a failure and print the screen
wait_for() {
	h_sess_w=${2:-e2e} h_flags_w=${3:-}
	poll_screen 100 screen_has -F "$1"
	h_rc=$?
	h_sess_w=e2e h_flags_w=
	[ "$h_rc" -eq 0 ] || timed_out "'$1'"
}
# wait_re REGEX [LINES]: wait_for with an extended regular expression, in
# the screen's LINES (all by default)
wait_re() { poll_screen 100 screen_has -E "$1" "${2:-}" || timed_out "/$1/${2:+ in $2}"; }
# wait_line LINES TEXT: wait_for TEXT in the screen's LINES
wait_line() { poll_screen 100 screen_has -F "$2" "$1" || timed_out "'$2' in $1"; }
# expect_lines NAME LINES WANT [SED]: ok NAME once the screen's LINES
# (each through the sed script SED) are WANT exactly, polled (10 s) for the
# final state rather than the first frame; else fail NAME and show them
# and the screen. $got holds them.
h_lines_are() {
	got=$(sed -n "$1p" "$tmp/screen" | sed "${3:-}")
	[ "$got" = "$2" ]
}
expect_lines() {
	h_name=$1
	shift
	poll_screen 100 h_lines_are "$@" && { ok "$h_name"; return 0; }
	fail "$h_name: lines $1 read"
	printf '%s\n--- the screen:\n' "$got"
	cat "$tmp/screen"
	return 1
}
# Slow work (loading hundreds of articles or a large file) may take
# minutes under the sanitizers at a high load: these wait SECONDS (300 by
# default).
# wait_long TEXT [SECONDS]: wait_for TEXT
wait_long() { poll_screen $((${2:-300} * 10)) screen_has -F "$1" || timed_out "'$1'"; }
# wait_gone TEXT [SECONDS] [LINES]: until the screen's LINES no longer show
# TEXT
h_not() { ! "$@"; }
wait_gone() {
	poll_screen $((${2:-300} * 10)) h_not screen_has -F "$1" "${3:-}" ||
		timed_out "'$1' to go${3:+ from $3}"
}
# start_duwen SESSION COLS ROWS ENV ARGS...: run duwen with ARGS (quoted as
# the shell command wants them) in a fresh session of COLS x ROWS with the
# private HOME and ENV (e.g. "TERM=vt100 NO_COLOR=1"; later ones win), then
# say "duwen exited STATUS" and stay, so that the status can be waited for
start_duwen() {
	h_sess=$1 h_cols=$2 h_rows=$3
	shift 3
	h_duwen_cmd "$@"
	h_session "$h_sess" "$h_cols" "$h_rows" "$h_cmd"
}
# h_duwen_cmd ENV ARGS...: start_duwen's shell command, into $h_cmd
h_duwen_cmd() {
	h_env=$1
	shift
	h_cmd="env LC_ALL=C.UTF-8 TERM=xterm-256color HOME='$HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XDG_DATA_HOME='$XDG_DATA_HOME' ${DUWEN_DATA:+DUWEN_DATA='$DUWEN_DATA'} $h_env '$DUWEN' $*; echo duwen exited \$?; sleep 600"
}
# h_session SESSION COLS ROWS COMMAND: a fresh session running COMMAND
h_session() {
	# a session that outlives the others: killing the only session ends the
	# server, and a new-session racing with that exit fails ("server exited
	# unexpectedly"), which happened under the slower sanitizer build
	T has-session -t h-keep 2>/dev/null || T new-session -d -s h-keep "sleep 600"
	h_end "$1"
	T kill-session -t "$1" 2>/dev/null
	T new-session -d -s "$1" -x "$2" -y "$3" "$4"
}
# record_duwen COLS ROWS ENV ARGS...: start_duwen in session e2e with every
# byte the terminal gets kept in $tmp/tty (tmux's pipe-pane, set before
# duwen starts: the session waits for a line first), for what a screen
# shows only for a moment
record_duwen() {
	: >"$tmp/tty"
	h_cols=$1 h_rows=$2
	shift 2
	h_duwen_cmd "$@"
	h_session e2e "$h_cols" "$h_rows" "read go; $h_cmd"
	T pipe-pane -o -t e2e "cat >>'$tmp/tty'"
	keys Enter
}
# quit_duwen: Q, then wait until duwen has exited 0
quit_duwen() {
	keys Q
	wait_for "duwen exited 0"
}
# finish NAME: the summary line; the script's status is whether all passed
finish() {
	[ "$fails" -eq 0 ] && echo "$1: all passed" || echo "$1: $fails failed"
	[ "$fails" -eq 0 ]
}
