#!/bin/sh
# Run test programs one after another, every one even when some fail, and
# end with one summary line. Usage: run.sh LABEL PROGRAM...
label=$1
shift
passed=0
failed=0
failures=""
for t in "$@"; do
	echo "== $t ($label)"
	case $t in
	*.sh) sh "$t" ;;
	*) case $t in /*) "$t" ;; *) "./$t" ;; esac ;;
	esac
	if [ $? -eq 0 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failures="$failures $t"
	fi
done
[ -n "$failures" ] && echo "$label: FAILED:$failures"
echo "$label: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
