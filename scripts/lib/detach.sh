# close_inherited_fds: closes every descriptor above stderr in the current (sub)shell. Servers the
# scripts start outlive them, and keep whatever they inherit for their whole life: a lock the caller
# holds (`flock FILE bash scripts/cluster.sh up` passes its locked descriptor down) would never be
# released, a pipe the caller reads would never reach end-of-file. Use it in the subshell that execs
# the server: ( close_inherited_fds; exec setsid server ... ) </dev/null >>log 2>&1 &
close_inherited_fds() {
  local fd
  for fd in /proc/"$BASHPID"/fd/*; do
    fd="${fd##*/}"
    if [[ "$fd" =~ ^[0-9]+$ ]] && ((fd > 2)); then eval "exec $fd>&-"; fi
  done
  return 0
}
