#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# cross-build.sh: compile the freestanding core (lib/core/*.c) for bare-metal
# targets into static archives and print, per target,
#   - the code size of every object and the total (<prefix>size),
#   - the undefined symbols (only mem* and libgcc integer helpers allowed;
#     a soft-float helper means the core used floating point),
#   - the stack use of every public function: its own frame (-fstack-usage)
#     and the worst case including the deepest chain of callees
#     (-fcallgraph-info=su); a call cycle (recursion) is an error,
#   - one line per footprint configuration (footprint_configs below):
#       footprint <target> <config> text=<bytes> stack=<bytes>
#     from a minimal image linked with --gc-sections (text = .text +
#     .rodata of libeas's objects kept in the link, stack = worst case of
#     the configuration's decision functions), or
#       footprint <target> <config> unavailable
#     when the core lacks the configuration's flavour or subsystem.
#
# Targets:
#   cortex-m4  arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -ffreestanding -Os
#   rv32imac   riscv64-unknown-elf-gcc -march=rv32imac -mabi=ilp32
#              -ffreestanding -nostdlib -Os
#
# usage: cmake/cross-build.sh [--src DIR] [--out DIR] [--target NAME]...
#                             [--no-werror] [--quiet]
# Exit: 0 ok, 1 failure, 77 no cross compiler installed (nothing built).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(cd "$here/.." && pwd)
out=
targets=()
werror=1
quiet=0
while [ $# -gt 0 ]; do
	case "$1" in
	--src) src=$(cd "$2" && pwd); shift 2 ;;
	--out) out=$2; shift 2 ;;
	--target) targets+=("$2"); shift 2 ;;
	--no-werror) werror=0; shift ;;
	--quiet) quiet=1; shift ;;
	-h|--help) sed -n '3,27p' "${BASH_SOURCE[0]}"; exit 0 ;;
	*) echo "cross-build.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
done
[ -n "$out" ] || out="$src/build-cross"
[ ${#targets[@]} -gt 0 ] || targets=(cortex-m4 rv32imac)

say() { [ "$quiet" = 1 ] || printf '%s\n' "$*"; }

# shellcheck source=warnings.sh
. "$here/warnings.sh"
warn_flags="-std=c11 $EAS_WARNINGS $EAS_CORE_WARNINGS"
[ "$werror" = 1 ] && warn_flags="$warn_flags -Werror"
common="-fno-builtin -fno-common -ffunction-sections -fdata-sections
 -fstack-usage -fcallgraph-info=su"

# Integer helpers libgcc provides (64-bit division and shifts on 32-bit
# cores, bit counting) and the EABI mem* aliases. Anything else undefined
# is an error; soft-float helpers get a dedicated message.
allowed_re='^(memcpy|memset|memmove|memcmp|__aeabi_(uldivmod|ldivmod|uidiv|idiv|uidivmod|idivmod|llsl|llsr|lasr|lmul|lcmp|ulcmp|memcpy[48]?|memset[48]?|memmove[48]?|memclr[48]?)|__(u?div|u?mod|mul|ashl|ashr|lshr|clz|ctz|popcount|ffs|bswap|parity|cmp|ucmp)[sdt]i[23])$'
float_re='^__(aeabi_([fd](add|sub|rsub|mul|div|neg|cmp[a-z]*|2[a-z0-9]+)|u?[il]2[fd]|ul2[fd])|(add|sub|mul|div|neg|cmp|eq|ne|lt|le|gt|ge|unord|pow)[sdtx]f[23]|fix(uns)?[sdtx]f[sdt]i|float(un)?[sdt]i[sdtx]f|extend[sdtx]f[sdtx]f2|trunc[sdtx]f[sdtx]f2)$'

# Footprint configurations, name:kernel-enum:kept-functions:decision-functions.
# kernel-enum "-" (or an enum not in common.h) prints "unavailable".
# signals-v6.19 keeps what an RTOS calls to maintain the signals
# (docs/rtos.md): PELT per task and per rq with the PELT clock, util_est,
# and schedutil's frequency choice (lib/core/pelt.c, util_est.c,
# schedutil.c); its stack is the worst of those entry points.
# Each image builds its platform with eas_platform_build_k() and names one
# flavour object (select-*: the placement-only eas_kernel_v6_19_place, ...;
# balance-*: the full eas_kernel_v6_19): the link must keep no code of
# another flavour (checked below, from the map and nm). A decision
# function "a+b" is the public dispatcher a (api.c, a call through the
# flavour's ops) followed by the flavour's implementation b: its stack is
# the sum of both worst cases.
fp_signals="eas_pelt_update_se eas_pelt_update_cfs_rq eas_pelt_update_rt_rq
 eas_pelt_clock_update eas_pelt_clock_idle eas_util_est_enqueue
 eas_util_est_dequeue eas_util_est_update eas_util_est_pelt_changed
 eas_sugov_pd_util eas_sugov_next_freq eas_sugov_resolve_freq"
fp_select() {
	echo "eas_platform_build_k eas_kernel_$1_place eas_em_cpu_energy eas_select_task_rq_fair"
}
fp_balance() {
	echo "eas_platform_build_k eas_kernel_$1 eas_em_cpu_energy eas_select_task_rq_fair eas_load_balance eas_mech_decide eas_mech_execute"
}
fp_dec_select() {
	echo "eas_select_task_rq_fair+eas__$1_select_task_rq_fair"
}
fp_dec_balance() {
	echo "eas_load_balance+eas__$1_load_balance eas_mech_decide+eas__$1_mech_decide eas_mech_execute+eas__$1_mech_execute"
}
footprint_configs=(
	"select-v5.4:EAS_KERNEL_V5_4:$(fp_select v5_4):$(fp_dec_select v54)"
	"select-v6.19:EAS_KERNEL_V6_19:$(fp_select v6_19):$(fp_dec_select v619)"
	"select-v7.1:EAS_KERNEL_V7_1:$(fp_select v7_1):$(fp_dec_select v71)"
	"balance-v6.19:EAS_KERNEL_V6_19:$(fp_balance v6_19):$(fp_dec_balance v619)"
	"signals-v6.19:EAS_KERNEL_V6_19:$fp_signals:$fp_signals"
	# select-v6.19 with the snapshot of <libeas/fast.h> maintained
	# (lib/core/fast.c): still no other flavour's code
	"fast-v6.19:EAS_KERNEL_V6_19:$(fp_select v6_19) eas_fast_size eas_fast_init eas_fast_refresh eas_fast_update_cpu:$(fp_dec_select v619)"
)
# flavour enum -> the symbols of the other flavours: their objects, their
# entry points (eas__vNN_*) and the v54_ / v619_ functions of the mirror
# (the v7.1 flavour compiles the v6.19 functions: v619_ is its own)
fp_foreign_re() {
	case "$1" in
	EAS_KERNEL_V5_4) echo '^(eas_kernel_v(6_19|7_1)(_place)?$|eas__v(619|71)_|v619_)' ;;
	EAS_KERNEL_V6_19) echo '^(eas_kernel_v(5_4|7_1)(_place)?$|eas__v(54|71)_|v54_)' ;;
	EAS_KERNEL_V7_1) echo '^(eas_kernel_v(5_4|6_19)(_place)?$|eas__v(54|619)_|v54_)' ;;
	esac
}
# flavour enum -> the object file of its translation unit (lib/core)
fp_flavour_obj() {
	case "$1" in
	EAS_KERNEL_V5_4) echo flavour_v5_4.o ;;
	EAS_KERNEL_V6_19) echo flavour_v6_19.o ;;
	EAS_KERNEL_V7_1) echo flavour_v7_1.o ;;
	esac
}

status=0
built=0
# struct eas_system.scratch (include/libeas/signals.h)
scratch_size=$(sed -n 's/^#define EAS_SCRATCH_SIZE \([0-9]*\)u*$/\1/p' \
	"$src/include/libeas/signals.h")
shopt -s nullglob
srcs=("$src"/lib/core/*.c)
if [ ${#srcs[@]} -eq 0 ]; then
	echo "cross-build.sh: no lib/core/*.c under $src" >&2
	exit 1
fi

for t in "${targets[@]}"; do
	case "$t" in
	cortex-m4)
		tp=arm-none-eabi-
		tflags="-mcpu=cortex-m4 -mthumb -ffreestanding -Os" ;;
	rv32imac)
		tp=riscv64-unknown-elf-
		tflags="-march=rv32imac -mabi=ilp32 -ffreestanding -nostdlib -Os" ;;
	*)
		echo "cross-build.sh: unknown target '$t'" >&2
		exit 2 ;;
	esac
	cc=${tp}gcc
	if ! command -v "$cc" >/dev/null 2>&1; then
		say "== $t: skipped ($cc not found; apt-get install" \
		    "gcc-arm-none-eabi / gcc-riscv64-unknown-elf)"
		continue
	fi
	built=$((built + 1))
	d="$out/$t"
	rm -rf "$d"
	mkdir -p "$d/obj"
	say ""
	say "== $t: $($cc --version | head -n1)"
	say "   flags: $tflags $(echo $common)"
	fail=0
	objs=()
	for s in "${srcs[@]}"; do
		o="$d/obj/$(basename "${s%.c}").o"
		# shellcheck disable=SC2086
		if ! $cc $tflags $warn_flags $common -I"$src/include" \
		    -I"$src/lib/core" -c "$s" -o "$o"; then
			echo "cross-build.sh: $t: $s does not compile" >&2
			fail=1
		fi
		objs+=("$o")
	done
	if [ "$fail" = 1 ]; then
		status=1
		continue
	fi
	lib="$d/libeas.a"
	"${tp}ar" rcs "$lib" "${objs[@]}"

	say ""
	say "-- code size ($lib, ${tp}size -t):"
	(cd "$d/obj" && "${tp}size" -t ./*.o) | sed 's|\./||' | sed 's/^/   /' |
		{ [ "$quiet" = 1 ] && cat >/dev/null || cat; }
	read -r text data bss <<<"$("${tp}size" -t "$lib" | tail -n1 |
		awk '{ print $1, $2, $3 }')"
	say "   => .text+.rodata $text bytes, .data $data, .bss $bss"
	if [ "$data" != 0 ] || [ "$bss" != 0 ]; then
		echo "cross-build.sh: $t: the core has writable data" \
		     "(.data $data, .bss $bss bytes)" >&2
		status=1
	fi

	# Undefined = referenced by some object and defined by none.
	"${tp}nm" -u "$lib" | awk 'NF == 2 && $1 ~ /^[Uw]$/ { print $2 }' |
		sort -u >"$d/undef.txt"
	"${tp}nm" --defined-only -g "$lib" | awk 'NF == 3 { print $3 }' |
		sort -u >"$d/defined.txt"
	comm -23 "$d/undef.txt" "$d/defined.txt" >"$d/external.txt"
	ext=$(tr '\n' ' ' <"$d/external.txt")
	say "-- external symbols: ${ext:-none}"
	while read -r sym; do
		[ -n "$sym" ] || continue
		if [[ "$sym" =~ $allowed_re ]]; then
			continue
		elif [[ "$sym" =~ $float_re ]]; then
			echo "cross-build.sh: $t: soft-float helper $sym:" \
			     "the core uses floating point" >&2
			status=1
		else
			echo "cross-build.sh: $t: undefined symbol $sym" \
			     "(only mem* and libgcc integer helpers allowed)" >&2
			status=1
		fi
	done <"$d/external.txt"

	# Public functions: global text symbols eas_* (not eas__).
	"${tp}nm" --defined-only -g "$lib" |
		awk 'NF == 3 && $2 == "T" && $3 ~ /^eas_/ && $3 !~ /^eas__/ \
		     { print $3 }' | sort -u >"$d/public.txt"
	say ""
	say "-- stack use of the public functions (bytes):"
	if ! awk -v pubfile="$d/public.txt" -v quiet="$quiet" \
	    -v stackfile="$d/stack.txt" '
	function strip(s) { gsub(/^"|"$/, "", s); return s }
	function field(line, key,    i, rest) {
		i = index(line, key ": \"")
		if (i == 0)
			return ""
		rest = substr(line, i + length(key) + 3)
		return substr(rest, 1, index(rest, "\"") - 1)
	}
	# skip = 1: the caller gave struct eas_system.scratch, the *_onstack
	# fallbacks (lib/core/internal.h) are not reached
	function worst(f,    n, i, arr, best, bestc, w, c, sc) {
		if ((skip, f) in memo)
			return memo[skip, f]
		if (f in onstack && onstack[f]) {
			cycle = cycle " " f
			return 0
		}
		onstack[f] = 1
		best = 0
		bestc = ""
		n = split(adj[f], arr, " ")
		for (i = 1; i <= n; i++) {
			c = arr[i]
			if (c == "__indirect_call") {
				ind[f] = 1
				continue
			}
			sc = c
			sub(/^.*:/, "", sc)
			if (skip && sc ~ /_onstack([.]|$)/)
				continue
			w = worst(c)
			if (c in ind)
				ind[f] = 1
			if (w > best || bestc == "") {
				best = w
				bestc = c
			}
		}
		onstack[f] = 0
		memo[skip, f] = frame[f] + best
		via[skip, f] = bestc
		return memo[skip, f]
	}
	/^node:/ {
		t = field($0, "title")
		l = field($0, "label")
		if (match(l, /\\n[0-9]+ bytes \([a-z,]+\)$/)) {
			s = substr(l, RSTART + 2)
			split(s, p, " ")
			frame[t] = p[1] + 0
			q = p[3]
			gsub(/[()]/, "", q)
			qual[t] = q
		}
		next
	}
	/^edge:/ {
		a = field($0, "sourcename")
		b = field($0, "targetname")
		adj[a] = adj[a] " " b
		next
	}
	END {
		bad = 0
		while ((getline pf < pubfile) > 0)
			pubs[++np] = pf
		if (quiet != 1)
			printf "   %-40s %6s %6s %6s  %s\n", "function", "frame",
			       "worst", "no-scr", "deepest call chain"
		for (k = 1; k <= np; k++) {
			f = pubs[k]
			cycle = ""
			skip = 0
			w0 = worst(f)
			skip = 1
			w = worst(f)
			path = f
			g = f
			for (depth = 0; via[1, g] != "" && depth < 64; depth++) {
				g = via[1, g]
				disp = g
				sub(/^.*:/, "", disp)  # static fns are "file.c:fn"
				path = path " > " disp
			}
			mark = (f in ind) ? " *indirect" : ""
			if (quiet != 1)
				printf "   %-40s %6d %6d %6d  %s%s\n", f, frame[f],
				       w, w0, path, mark
			printf "%s %d %d%s\n", f, w, w0, mark > stackfile
			if (w > deepest) {
				deepest = w
				deepest_f = f
			}
			if (cycle != "") {
				printf "cross-build.sh: recursion through%s\n",
				       cycle > "/dev/stderr"
				bad = 1
			}
		}
		if (quiet != 1 && np > 0)
			printf "   => deepest public entry: %s, %d bytes\n",
			       deepest_f, deepest
		# the entry points of the flavours (static, file.c:eas__vNN_x),
		# for the footprint lines
		for (t in frame) {
			short = t
			sub(/^.*:/, "", short)
			if (short !~ /^eas__v[0-9]+_/)
				continue
			cycle = ""
			skip = 0
			w0 = worst(t)
			skip = 1
			w = worst(t)
			printf "%s %d %d\n", short, w, w0 > stackfile
			if (quiet != 1)
				printf "   %-40s %6d %6d %6d  (flavour entry point)\n",
				       short, frame[t], w, w0
			if (cycle != "") {
				printf "cross-build.sh: recursion through%s\n",
				       cycle > "/dev/stderr"
				bad = 1
			}
		}
		for (t in qual)
			if (qual[t] ~ /dynamic/ && qual[t] !~ /bounded/) {
				printf "cross-build.sh: %s has a dynamic stack frame (VLA/alloca)\n",
				       t > "/dev/stderr"
				bad = 1
			}
		exit bad
	}
	' "$d"/obj/*.ci; then
		status=1
	fi
	say "   frame = the function's own frame (-fstack-usage); worst = an upper"
	say "   bound: frame plus the deepest chain of callees (-fcallgraph-info,"
	say "   tail calls counted as calls) with struct eas_system.scratch given"
	say "   (the *_onstack fallbacks not reached); no-scr = the same with"
	say "   scratch NULL; mem* and libgcc helpers count 0;"
	say "   *indirect = calls through a pointer, not followed (the public"
	say "   dispatchers of api.c: their flavour entry points, eas__vNN_*,"
	say "   are listed with their own worst case)."

	# Footprint: one minimal firmware image per configuration, linked
	# with --gc-sections against the archive above; text = the .text and
	# .rodata input sections of libeas objects kept in that link (from
	# the linker map), stack = the worst case (table above) of the
	# configuration's decision functions (the largest of them).
	say ""
	say "-- footprint (minimal images, -Wl,--gc-sections):"
	mkdir -p "$d/fp"
	for cfg in "${footprint_configs[@]}"; do
		name=${cfg%%:*}
		rest=${cfg#*:}
		kernel=${rest%%:*}
		rest=${rest#*:}
		roots=${rest%%:*}
		deciders=${rest#*:}
		if [ "$kernel" = "-" ] ||
		    ! grep -q "\\<$kernel\\>" "$src/include/libeas/common.h"; then
			echo "footprint $t $name unavailable"
			continue
		fi
		h="$d/fp/$name.c"
		{
			echo "/* generated by cross-build.sh: keep $roots */"
			echo "typedef void (*eas_fp_fn)(void);"
			for r in $roots; do echo "extern void $r(void);"; done
			echo "const eas_fp_fn eas_fp_keep[] = {"
			for r in $roots; do echo "	$r,"; done
			echo "};"
			# the C library's mem* (the core may call them; not
			# counted in text: not a libeas object)
			echo "typedef __SIZE_TYPE__ size_t;"
			echo "void *memset(void *d, int c, size_t n);"
			echo "void *memcpy(void *d, const void *s, size_t n);"
			echo "void *memset(void *d, int c, size_t n)"
			echo "{"
			echo "	unsigned char *p = d;"
			echo "	while (n--)"
			echo "		*p++ = (unsigned char)c;"
			echo "	return d;"
			echo "}"
			echo "void *memcpy(void *d, const void *s, size_t n)"
			echo "{"
			echo "	unsigned char *p = d;"
			echo "	const unsigned char *q = s;"
			echo "	while (n--)"
			echo "		*p++ = *q++;"
			echo "	return d;"
			echo "}"
			echo "void _start(void);"
			echo "void _start(void)"
			echo "{"
			echo "	const eas_fp_fn *volatile k = eas_fp_keep;"
			echo "	for (unsigned i = 0; i < sizeof(eas_fp_keep) /"
			echo "	     sizeof(eas_fp_keep[0]); i++)"
			echo "		k[i]();"
			echo "	for (;;)"
			echo "		;"
			echo "}"
		} >"$h"
		# shellcheck disable=SC2086
		if ! $cc $tflags -ffunction-sections -fdata-sections -nostdlib \
		    -fno-tree-loop-distribute-patterns \
		    -Wl,--gc-sections -Wl,-e,_start -Wl,-Map="$d/fp/$name.map" \
		    "$h" "$lib" -lgcc -o "$d/fp/$name.elf"; then
			echo "cross-build.sh: $t: footprint image $name does" \
			     "not link" >&2
			status=1
			continue
		fi
		text=$(awk '
		function hex(x,    i, v) {
			sub(/^0x/, "", x)
			v = 0
			for (i = 1; i <= length(x); i++)
				v = v * 16 + index("0123456789abcdef",
						   tolower(substr(x, i, 1))) - 1
			return v
		}
		/^Linker script and memory map/ { on = 1; next }
		!on { next }
		# an input section: " .name addr size file", or the name alone
		# on its line and "addr size file" on the next
		/^ \.[^ ]+$/ { pend = $1; next }
		{
			if (pend != "" && $1 ~ /^0x/ && NF >= 3) {
				sec = pend; size = $2; file = $3
			} else if ($1 ~ /^\./ && $2 ~ /^0x/ && NF >= 4) {
				sec = $1; size = $3; file = $4
			} else {
				pend = ""
				next
			}
			pend = ""
			if (file !~ /libeas\.a\(/)
				next
			if (sec ~ /^\.(text|rodata|srodata)([.]|$)/)
				total += hex(size)
		}
		END { print total + 0 }' "$d/fp/$name.map")
		# stack: with struct eas_system.scratch (as the firmware
		# examples run); stack0: scratch NULL
		stack=0
		stack0=0
		for fs in $deciders; do
			w=0
			w0=0
			for f in ${fs//+/ }; do
				read -r wf wf0 <<<"$(awk -v f="$f" \
					'$1 == f { print $2, $3 }' "$d/stack.txt")"
				if [ -z "$wf" ]; then
					echo "cross-build.sh: $t: $name: no stack" \
					     "figure for $f" >&2
					status=1
					wf=0
					wf0=0
				fi
				w=$((w + wf))
				w0=$((w0 + wf0))
			done
			[ "$w" -gt "$stack" ] && stack=$w
			[ "$w0" -gt "$stack0" ] && stack0=$w0
		done
		# one flavour only: no kept section of another flavour's
		# object, no symbol of another flavour in the image
		own=$(fp_flavour_obj "$kernel")
		others=$(awk -v own="$own" '
		/^Linker script and memory map/ { on = 1; next }
		!on { next }
		/^ \.[^ ]+$/ { pend = $1; next }
		{
			if (pend != "" && $1 ~ /^0x/ && NF >= 3) {
				size = $2; file = $3
			} else if ($1 ~ /^\./ && $2 ~ /^0x/ && NF >= 4) {
				size = $3; file = $4
			} else {
				pend = ""
				next
			}
			pend = ""
			if (file ~ /libeas\.a\(flavour_/ && size != "0x0" &&
			    index(file, "(" own ")") == 0)
				print file
		}' "$d/fp/$name.map" | sort -u | tr '\n' ' ')
		syms=$("${tp}nm" "$d/fp/$name.elf" | awk '{ print $NF }' |
			grep -E "$(fp_foreign_re "$kernel")" | tr '\n' ' ' ||
			true)
		if [ -n "$others" ] || [ -n "$syms" ]; then
			echo "cross-build.sh: $t: $name links another flavour:" \
			     "${others}${syms}" >&2
			status=1
		fi
		echo "footprint $t $name text=$text stack=$stack"
		say "   ($name with struct eas_system.scratch NULL:" \
		    "stack=$stack0; the scratch is $scratch_size bytes)"
	done
	say "   select-vX / balance-vX link one flavour object each (checked:"
	say "   no section or symbol of another flavour); unavailable = the"
	say "   subsystem is not in the core yet."
done

if [ "$built" = 0 ]; then
	echo "cross-build.sh: SKIPPED: no cross compiler found" \
	     "(arm-none-eabi-gcc, riscv64-unknown-elf-gcc)"
	exit 77
fi
exit $status
