# shellcheck shell=bash
# Scenario harness: strongSwan's testing format on network namespaces.
#
# Sourced by testing/do-tests. Every host of a scenario is a network
# namespace "sc-<host>" with a mount namespace of its own, held open by a
# "holder" process, in which
#   /run                     is a private tmpfs (charon's pid file and vici
#                            socket, keepalived's pid files),
#   <strongswan prefix>/etc  is the host's etc/ from the scenario (its
#                            strongswan.conf, swanctl/, keepalived/ ...),
#   /var/log                 is the host's log folder of this run,
#   and, in a sanitizer run (do-tests --sanitize), the project's plugins and
#   cluster-ctl in the prefix are the ASan/UBSan builds, bind-mounted over
#   the plain ones.
# Hosts listed in a scenario's SYSTEM_HOSTS run Debian's own strongSwan
# packages instead, chrooted into the Debian root scripts/build-deb makes
# (build/debian-root; Debian's strongSwan conflicts with libreswan, so it is
# not installed on the machine). In that root the host gets the same
# private /run and /var/log, /proc, /sys and /dev, each entry of its etc/
# bind-mounted over the root's /etc entry, and the harness's folders.
# Segments are Linux bridges inside one more namespace, "sc-sw", so nothing
# is created in the machine's own network namespace: deleting the
# namespaces removes every interface, address and route a scenario made.

SC_NS_PREFIX=scl-
SC_SWITCH=${SC_NS_PREFIX}sw

# --- bookkeeping ------------------------------------------------------------

# All namespaces of this harness, switch last.
sc_namespaces()
{
	ip netns list 2>/dev/null | awk '{print $1}' | grep "^$SC_NS_PREFIX" |
		grep -vx "$SC_SWITCH"
	ip netns list 2>/dev/null | awk '{print $1}' | grep -x "$SC_SWITCH"
}

# Stops every process in the harness' namespaces and deletes them. Safe to
# call any number of times; used after each scenario and on exit/signals.
sc_cleanup_all()
{
	local ns pids i
	for ns in $(sc_namespaces); do
		pids=$(ip netns pids "$ns" 2>/dev/null)
		[ -n "$pids" ] && kill -TERM $pids 2>/dev/null
	done
	for i in $(seq 1 20); do
		pids=""
		for ns in $(sc_namespaces); do
			pids="$pids $(ip netns pids "$ns" 2>/dev/null)"
		done
		[ -z "${pids// /}" ] && break
		sleep 0.1
	done
	for ns in $(sc_namespaces); do
		pids=$(ip netns pids "$ns" 2>/dev/null)
		[ -n "$pids" ] && kill -KILL $pids 2>/dev/null
	done
	for ns in $(sc_namespaces); do
		# a killed process may need a moment to release the namespace
		for i in $(seq 1 20); do
			[ -z "$(ip netns pids "$ns" 2>/dev/null)" ] && break
			sleep 0.05
		done
		ip netns del "$ns" 2>/dev/null
	done
	return 0
}

# --- network ---------------------------------------------------------------

sc_die_setup() { echo "  setup error: $*"; return 1; }

# sc_net_up: creates the switch, the segments and the hosts of the sourced
# test.conf (SEGMENTS, HOSTS, IFACES, ROUTES, FORWARDING).
sc_net_up()
{
	local seg h spec iface addr route

	ip netns add "$SC_SWITCH" || return 1
	ip -n "$SC_SWITCH" link set lo up
	for seg in $SEGMENTS; do
		# no STP and no multicast snooping: a segment behaves like a plain
		# switch for VRRP and the cluster channel's multicast
		ip -n "$SC_SWITCH" link add "br-$seg" type bridge stp_state 0 \
			mcast_snooping 0 || return 1
		ip -n "$SC_SWITCH" link set "br-$seg" up || return 1
	done
	for h in $HOSTS; do
		ip netns add "$SC_NS_PREFIX$h" || return 1
		ip -n "$SC_NS_PREFIX$h" link set lo up
		ip netns exec "$SC_NS_PREFIX$h" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	done
	# IFACES: "host:iface:segment:addr/len[,addr/len...]" entries
	for spec in $IFACES; do
		IFS=: read -r h iface seg addr <<< "$spec"
		case " $HOSTS " in *" $h "*) ;; *)
			sc_die_setup "IFACES names unknown host '$h'"; return 1;; esac
		case " $SEGMENTS " in *" $seg "*) ;; *)
			sc_die_setup "IFACES names unknown segment '$seg'"; return 1;; esac
		[ ${#h} -le 10 ] || { sc_die_setup "host name '$h' is longer than 10 characters"; return 1; }
		ip -n "$SC_SWITCH" link add "$h-$iface" type veth peer name "$iface" \
			netns "$SC_NS_PREFIX$h" || return 1
		ip -n "$SC_SWITCH" link set "$h-$iface" master "br-$seg" up || return 1
		for a in ${addr//,/ }; do
			ip -n "$SC_NS_PREFIX$h" addr add "$a" dev "$iface" || return 1
		done
		ip -n "$SC_NS_PREFIX$h" link set "$iface" up || return 1
	done
	for h in $FORWARDING; do
		ip netns exec "$SC_NS_PREFIX$h" sysctl -qw net.ipv4.ip_forward=1 || return 1
	done
	# ROUTES: array of "host route-spec..."
	for route in "${ROUTES[@]}"; do
		h=${route%% *}
		# shellcheck disable=SC2086
		ip -n "$SC_NS_PREFIX$h" route add ${route#* } ||
			{ sc_die_setup "route '$route' failed"; return 1; }
	done
}

# --- hosts -----------------------------------------------------------------

declare -A SC_HOLDER

# sc_host_up HOST: starts the holder of HOST's mount namespace.
sc_host_up()
{
	local h=$1 dir="$SC_RUN/hosts/$1" pid
	mkdir -p "$dir/etc" "$dir/log"
	if sc_is_system "$h" && [ ! -x "$SC_SYSTEM_ROOT/usr/lib/ipsec/charon" ]; then
		sc_die_setup "$h runs Debian's strongSwan, but $SC_SYSTEM_ROOT has none: run scripts/build-deb"
		return 1
	fi
	ip netns exec "$SC_NS_PREFIX$h" unshare -m --propagation private \
		bash -c 'mount -t tmpfs -o mode=0755 sc-run /run &&
			mount --bind "$1" "$2" && mount --bind "$3" /var/log &&
			if [ "$6" = system ]; then
				r=$7
				mount -t tmpfs -o mode=0755 sc-run "$r/run" &&
				mount --bind "$3" "$r/var/log" &&
				mount -t proc proc "$r/proc" &&
				mount -t sysfs sysfs "$r/sys" &&
				mount --rbind /dev "$r/dev" || exit 1
				for e in "$1"/*; do
					[ -e "$r/etc/${e##*/}" ] ||
						{ echo "/etc/${e##*/} does not exist in $r"; exit 1; }
					mount --bind "$e" "$r/etc/${e##*/}" || exit 1
				done
				shift 7
				for d in "$@"; do
					mkdir -p "$r$d" && mount --bind "$d" "$r$d" || exit 1
				done
			elif [ -n "$4" ]; then
				for so in "$4"/plugins/*.so; do
					mount --bind "$so" "$5/lib/ipsec/plugins/${so##*/}" || exit 1
				done
				mount --bind "$4/sbin/cluster-ctl" "$5/sbin/cluster-ctl" || exit 1
			fi &&
			exec sleep infinity' holder \
		"$dir/etc" "$SC_PREFIX/etc" "$dir/log" "${SC_SANITIZE:-}" "$SC_PREFIX" \
		"$(sc_is_system "$h" && echo system)" "$SC_SYSTEM_ROOT" \
		"$SC_TESTING" "$SC_TOOLS" "$(dirname "$SC_RUNDIR")" \
		"$(dirname "$SC_TESTING")/build/deb" \
		</dev/null >"$dir/log/holder.log" 2>&1 &
	pid=$!
	for _ in $(seq 1 100); do
		[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = sleep ] && break
		kill -0 "$pid" 2>/dev/null ||
			{ sc_die_setup "holder of $h died: $(cat "$dir/log/holder.log")"; return 1; }
		sleep 0.05
	done
	[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = sleep ] ||
		{ sc_die_setup "holder of $h did not start"; return 1; }
	SC_HOLDER[$h]=$pid
}

# sc_host_exec HOST TIMEOUT COMMAND: runs COMMAND with bash in HOST's
# namespaces, with a clean environment and the helpers of testing/bin.
# ("cd / && COMMAND" would put a COMMAND ending in '&' into a background
# subshell whose pid $! is not the command's.)
# sc_is_system HOST: whether HOST runs the distribution's strongSwan
sc_is_system()
{
	[[ " ${SYSTEM_HOSTS:-} " == *" $1 "* ]]
}

sc_host_exec()
{
	local h=$1 t=$2 cmd=$3
	local path="$SC_TESTING/bin:$SC_TOOLS:$SC_PREFIX/sbin:$SC_PREFIX/bin:/usr/sbin:/usr/bin:/sbin:/bin"
	local etc="$SC_PREFIX/etc" charon="$SC_PREFIX/libexec/ipsec/charon"
	local sanitize="${SC_SANITIZE:-}"
	[ -n "${SC_HOLDER[$h]:-}" ] || { echo "unknown host '$h'"; return 127; }
	local chroot=()
	if sc_is_system "$h"; then
		path="$SC_TESTING/bin:$SC_TOOLS:/usr/sbin:/usr/bin:/sbin:/bin"
		etc=/etc
		charon=/usr/lib/ipsec/charon
		# the distribution's plugins are what such a host tests
		sanitize=""
		chroot=(chroot "$SC_SYSTEM_ROOT")
	fi
	timeout -k 2 "$t" nsenter -t "${SC_HOLDER[$h]}" -m -n -- \
		"${chroot[@]}" env -i PATH="$path" \
		HOME=/root LANG=C TERM=dumb SC_HOST="$h" SC_RUN="$SC_RUN" \
		SC_STAMPS="$SC_RUN/stamps" SC_PREFIX="$SC_PREFIX" \
		SC_ETC="$etc" SC_CHARON="$charon" SC_SANITIZE="$sanitize" \
		SC_ASAN_RUNTIME="${SC_ASAN_RUNTIME:-}" \
		SC_DEB_DIR="$(dirname "$SC_TESTING")/build/deb" \
		bash -c "cd / || exit 1; $cmd" </dev/null 2>&1
}

# --- certificates ------------------------------------------------------------

# sc_certs: issues a certificate from the run's test CA for every entry of
# CERTS ("host[:san,san...]"); the host's own FQDN <host>.example.org is
# always the subject and the first SAN.
sc_certs()
{
	local spec h sans sw
	for spec in $CERTS; do
		h=${spec%%:*}
		sans=""
		[ "$spec" != "$h" ] && sans=${spec#*:}
		sw="$SC_RUN/hosts/$h/etc/swanctl"
		mkdir -p "$sw/x509" "$sw/x509ca" "$sw/private"
		"$SC_TESTING/scripts/make-ca" issue "$SC_CA" "$h.example.org" \
			"$sw/private/$h.pem" "$sw/x509/$h.pem" ${sans//,/ } || return 1
		cp "$SC_CA/ca.pem" "$sw/x509ca/ca.pem"
	done
}

# --- host configuration templates --------------------------------------------

# sc_copy_etc DIR: COPY_ETC entries "SRC HOST..." give each HOST the etc/
# of SRC (a folder relative to the scenario, e.g. hosts/client). Then, in
# every host's etc/, @HOST@ is replaced by the host's name, so one template
# serves many hosts (strongSwan's harness substitutes PH_* the same way).
sc_copy_etc()
{
	local dir=$1 entry src h f
	for entry in "${COPY_ETC[@]}"; do
		src=${entry%% *}
		[ -d "$dir/$src/etc" ] ||
			{ sc_die_setup "COPY_ETC source '$src' has no etc/"; return 1; }
		for h in ${entry#* }; do
			mkdir -p "$SC_RUN/hosts/$h"
			cp -a "$dir/$src/etc" "$SC_RUN/hosts/$h/"
		done
	done
	for h in $HOSTS; do
		[ -d "$SC_RUN/hosts/$h/etc" ] || continue
		grep -rlF '@HOST@' "$SC_RUN/hosts/$h/etc" 2>/dev/null |
			while IFS= read -r f; do sed -i "s/@HOST@/$h/g" "$f"; done
	done
	return 0
}

# --- scenario files ------------------------------------------------------------

sc_result()
{
	echo "$1" >> "$SC_RESULTS"
}

# sc_run_line FILE LINE: one line of pretest/evaltest/posttest.dat.
#   host::command                                  action: must exit 0
#   host::command::pattern::YES|NO[::timeout]      check: output must (YES)
#       or must not (NO) match the extended regex; with a timeout in seconds
#       the check is repeated every 0.1 s until it holds or time runs out
sc_run_line()
{
	local line=$1 host rest cmd pattern expect wait out rc ok start limit_ms
	host=${line%%::*}
	rest=${line#*::}
	wait=""
	if [[ $rest =~ ^(.*)::(YES|NO)(::([0-9]+(\.[0-9]+)?))?$ ]]; then
		expect=${BASH_REMATCH[2]}
		wait=${BASH_REMATCH[4]}
		rest=${BASH_REMATCH[1]}
		pattern=${rest##*::}
		cmd=${rest%::*}
	else
		expect=""
		cmd=$rest
	fi
	start=$(date +%s%N)
	while :; do
		# in the background, so that a signal to the scenario is handled
		# at once instead of after the command
		sc_host_exec "$host" "$SC_CMD_TIMEOUT" "$cmd" > "$SC_RUN/.out.$host" &
		wait $!
		rc=$?
		out=$(cat "$SC_RUN/.out.$host")
		if [ -z "$expect" ]; then
			[ $rc -eq 0 ] && ok=1 || ok=0
		elif grep -qE -- "$pattern" <<< "$out"; then
			[ "$expect" = YES ] && ok=1 || ok=0
		else
			[ "$expect" = NO ] && ok=1 || ok=0
		fi
		[ $ok = 1 ] && break
		[ -z "$wait" ] && break
		limit_ms=$(awk "BEGIN{print int($wait * 1000)}")
		[ $(( ($(date +%s%N) - start) / 1000000 )) -ge "$limit_ms" ] && break
		sleep 0.1
	done
	echo "$out" >> "$SC_RUN/commands.log"
	if [ $ok = 1 ]; then
		printf '  ok    %s\n' "$line"
		sc_result pass
	else
		printf '  FAIL  %s\n' "$line"
		[ -z "$expect" ] && printf '        exit code %s\n' "$rc"
		[ -n "$wait" ] && printf '        still not met after %ss\n' "$wait"
		printf '%s\n' "$out" | tail -n 8 | sed 's/^/        | /'
		sc_result fail
	fi
	# output a scenario shows (the demo), and measurements it reports
	grep '^show: ' <<< "$out" | sed 's/^show: /        /'
	grep '^report: ' <<< "$out" | sed 's/^/        /'
	grep '^report: ' <<< "$out" | sed "s|^report: |$SC_NAME: |" >> "$SC_REPORTS"
	return 0
}

sc_run_file()
{
	local f=$1 line
	[ -f "$f" ] || return 0
	echo " $(basename "$f")"
	while IFS= read -r line || [ -n "$line" ]; do
		line=${line%$'\r'}
		[[ $line =~ ^[[:space:]]*(#|$) ]] && continue
		{
			echo "== $(date +%T.%N) $line"
		} >> "$SC_RUN/commands.log"
		# a host field with braces names several hosts, one after the other
		# (c{1..3}::cmd) or, with a trailing '&', all at once (c{1..3}&::cmd)
		if [[ ${line%%::*} == *"{"* ]]; then
			local h hosts field=${line%%::*} parallel=""
			if [[ $field == *"&" ]]; then
				parallel=1
				field=${field%&}
			fi
			eval "hosts=( $field )"
			if [ -n "$parallel" ]; then
				local pids=()
				for h in "${hosts[@]}"; do
					sc_run_line "$h::${line#*::}" > "$SC_RUN/.line.$h" &
					pids+=($!)
				done
				# only these: the hosts' holders are children too
				wait "${pids[@]}"
				for h in "${hosts[@]}"; do
					cat "$SC_RUN/.line.$h"
				done
			else
				for h in "${hosts[@]}"; do
					sc_run_line "$h::${line#*::}"
				done
			fi
		else
			sc_run_line "$line"
		fi
	done < "$f"
}

# sc_scenario DIR: runs one scenario; results go to $SC_RESULTS.
sc_scenario()
{
	local dir=$1 h
	SC_NAME=${dir#"$SC_TESTS/"}
	SC_RUN="$SC_RUNDIR/$SC_NAME"
	echo
	echo "== $SC_NAME"
	sed -e 's/<[^>]*>//g' -e 's/^/   /' "$dir/description.txt" 2>/dev/null
	mkdir -p "$SC_RUN/stamps"
	(
		SEGMENTS="" HOSTS="" IFACES="" FORWARDING="" CERTS="" SYSTEM_HOSTS=""
		ROUTES=() COPY_ETC=()
		SC_CMD_TIMEOUT=30
		# shellcheck disable=SC1091
		. "$dir/test.conf" || exit 1
		mkdir -p "$SC_RUN/hosts"
		[ -d "$dir/hosts" ] && cp -a "$dir/hosts/." "$SC_RUN/hosts/"
		sc_copy_etc "$dir" || { echo "  FAIL  scenario setup"; sc_result fail; exit 1; }
		trap 'sc_cleanup_all' EXIT
		trap 'exit 130' INT TERM
		if ! { sc_net_up && for h in $HOSTS; do sc_host_up "$h" || exit 1; done &&
			sc_certs; }; then
			echo "  FAIL  scenario setup"
			sc_result fail
			exit 1
		fi
		sc_run_file "$dir/pretest.dat"
		sc_run_file "$dir/evaltest.dat"
		sc_run_file "$dir/posttest.dat"
		# posttest shows no leftovers: nothing of the scenario may still
		# run in the hosts once posttest has stopped what pretest started
		for h in $HOSTS; do
			left=$(ip netns pids "$SC_NS_PREFIX$h" | grep -vx "${SC_HOLDER[$h]}" |
				xargs -r ps -o pid=,args= -p | tr '\n' ';')
			if [ -n "$left" ]; then
				echo "  FAIL  $h: still running after posttest: $left"
				sc_result fail
			fi
		done
		# what ASan and UBSan found in charon and cluster-ctl
		# (start-charon sets their log_path to /var/log/{asan,ubsan})
		if [ -n "${SC_SANITIZE:-}" ]; then
			reports=$(cd "$SC_RUN/hosts" && ls -d */log/asan.charon.* \
				*/log/asan.cluster-ctl.* */log/ubsan.* 2>/dev/null)
			if [ -n "$reports" ]; then
				for r in $reports; do
					echo "  FAIL  sanitizer report $r"
					grep -m1 -E 'ERROR|runtime error' "$SC_RUN/hosts/$r" | sed 's/^/        | /'
					grep -m6 -E '^ *#[0-9]+ ' "$SC_RUN/hosts/$r" | sed 's/^/        | /'
				done
				sc_result fail
			else
				starts=$(cat "$SC_RUN"/hosts/*/log/sanitized 2>/dev/null |
					grep -c 'cluster-load\|redirect-provider\|route-inject\|ha-sync')
				if [ "$starts" -gt 0 ]; then
					echo "  ok    no sanitizer report ($starts charon start(s) with the plugins under ASan and UBSan)"
					sc_result pass
				else
					echo "  --    no charon with the cluster plugins ran here"
				fi
			fi
		fi
	)
	sc_cleanup_all
	echo "  logs: $SC_RUN"
}
