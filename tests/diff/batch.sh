# SPDX-License-Identifier: MIT
# Differential: ip -batch FILE through iproute2's ip and through netns as
# ip. same_as_iproute2 compares stdout and exit status; where a line pipes
# stderr into grep, the "Command failed FILE:LINE" lines are compared too.
# Each test writes its batch files first (lines of same_as_iproute2 run
# with stdin from /dev/null).

t_batch_adds_then_list() {
	printf 'netns add a\nnetns add b\nnetns add c\nnetns list\n' > adds
	same_as_iproute2 '
ip -b adds
ip netns list
ip -batch adds
ip -force -b adds
ip -b adds 2>&1 | grep "^Command failed"
ip -force -b adds 2>&1 | grep "^Command failed"'
}

t_batch_failure_in_the_middle() {
	printf 'netns add a\nnetns add a\nnetns add b\nnetns list\n' > mid
	same_as_iproute2 '
ip -b mid
ip netns list
ip -force -b mid
ip netns list
ip netns delete a
ip -force -batch mid
ip -b mid 2>&1 | grep "^Command failed"
ip -force -b mid 2>&1 | grep "^Command failed"'
}

# exec forks in batch mode, and add leaves the process where it was: the
# lines after them run in the caller's namespace
t_batch_exec_lines() {
	cat > exec <<-'EOF'
	netns add a
	netns exec a echo one
	netns exec a ip netns identify
	netns identify
	netns exec a sh -c "exit 3"
	netns exec a echo two
	netns exec a nosuchcommand-xyz
	netns list
	EOF
	printf 'netns exec zz true\nnetns list\n' > exec_zz
	same_as_iproute2 '
ip -b exec
ip netns delete a
ip -force -b exec
ip -b exec_zz
ip -force -b exec 2>&1 | grep "^Command failed"'
}

t_batch_comments_blanks_and_quotes() {
	# a word that starts with a quote runs to the same quote; a quote
	# inside a word is a character; '#' ends the line even in a word
	cat > quotes <<-'EOF'
	# a comment

	   # an indented comment
	netns add "x y"   # a comment after a command
	netns add 'q'
	netns exec "x y" sh -c 'printf "[%s]" "$@"; echo' - a"b c" "c"d '' "" e'f' m#n
	  netns	exec	q	echo	tab
	netns list
	EOF
	printf 'netns add "h#x"\nnetns list\n' > hash_in_quotes
	printf 'netns add "open\nnetns list\n' > unterminated
	printf 'netns add x\r\nnetns list\r\n' > crlf
	same_as_iproute2 '
ip -b quotes
ip -b hash_in_quotes
ip -b unterminated
ip -force -b unterminated
ip -b crlf'
}

t_batch_line_numbers_and_continuations() {
	printf '# 1\n\nnetns add a\nnetns add a\nnetns \\\nadd a\nnetns add b\nnetns del zz\nnetns \\\n\\\nlist # 12\nnetns a\\\\\n\nnetns list' > nums
	printf 'netns list\\\n' > dangling
	same_as_iproute2 '
ip -force -b nums
ip -force -b nums 2>&1 | grep "^Command failed"
ip -b nums 2>&1 | grep "^Command failed"
ip -b dangling
ip -b dangling 2>&1'
}

t_batch_last_line_without_newline() {
	printf 'netns add a\nnetns list' > nonl
	printf 'netns add b\nnetns add b' > nonl_fail
	same_as_iproute2 '
ip -b nonl
ip -b nonl_fail
ip -b nonl_fail 2>&1 | grep "^Command failed"'
}

t_batch_from_stdin() {
	printf 'netns add a\nnetns list\nnetns add a\nnetns add b\n' > in
	same_as_iproute2 '
ip -b - < in
ip -force -b - < in
ip -force -b - < in 2>&1 | grep "^Command failed"
printf "netns add c\nnetns list\n" | ip -b -
printf "netns list\n" | ip -batch -'
}

# (a directory: iproute2 takes it for an empty batch and exits 0; netns
# says it cannot read it, exit 1: tests/integration/harden.sh t_15)
t_batch_missing_file() {
	same_as_iproute2 '
ip -b nosuch
ip -force -b nosuch 2>&1'
}

# a usage error ends the batch at once with 255, even with -force
t_batch_usage_errors() {
	printf 'netns add a\nnetns foo\nnetns add b\n' > unknown
	printf 'netns add c\nnetns add ..\nnetns add d\n' > badname
	printf 'netns add e\nnetns add ""\nnetns add f\n' > empty
	same_as_iproute2 '
ip -b unknown
ip -force -b unknown
ip -force -b badname
ip -force -b empty
ip netns list'
}

# iproute2 takes 511 words a command and fails at once at 512
t_batch_word_limit() {
	w=$(printf ' w%.0s' $(seq 507))
	printf 'netns add a\nnetns exec a echo%s\nnetns list\n' "$w" > words511
	printf 'netns add b\nnetns exec a echo%s w\nnetns list\n' "$w" > words512
	same_as_iproute2 '
ip -b words511
ip -force -b words512
ip -force -b words512 2>&1 | tail -n 1'
}
