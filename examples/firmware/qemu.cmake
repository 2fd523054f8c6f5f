# SPDX-License-Identifier: MIT
# The m4_qemu / rv32_qemu / m4_qemu_bench tests: compile the bare-metal
# firmware (bare/ + fw_batch.c + the core's sources) with the cross
# compiler, boot it on QEMU with semihosting, and
#   - batch mode: compare what it prints, byte for byte, with the host's
#     fw_batch_host (the same decisions made by the host build);
#   - BENCH=ON (Cortex-M4): count the instructions executed between the
#     two fw_bench_mark() calls (-singlestep -d exec,nochain: one log
#     line per instruction) and print the instructions per decision.
# Variables: SRC (source tree), OUT (work dir), HOST (fw_batch_host),
# ARCH (cortex-m4 | rv32imac), CC, QEMU, BENCH.
# RTOS=ON (m4_qemu_rtos): the RTOS loop (rtos/) instead of the batch, HOST
# its host build (rtos_host); GOLDEN: a file both outputs must also equal.
cmake_minimum_required(VERSION 3.16)

set(fw ${SRC}/examples/firmware)
set(n_bench 64)
if(BENCH)
  set(dir ${OUT}/${ARCH}-bench)
elseif(RTOS)
  set(dir ${OUT}/${ARCH}-rtos)
else()
  set(dir ${OUT}/${ARCH})
endif()
file(REMOVE_RECURSE ${dir})
file(MAKE_DIRECTORY ${dir})

file(GLOB core ${SRC}/lib/core/*.c)
set(common -std=c11 -ffreestanding -fno-common -Os -Wall -Wextra -Werror
  -ffunction-sections -fdata-sections -fno-tree-loop-distribute-patterns
  -nostdlib -Wl,--gc-sections -I${SRC}/include -I${SRC}/lib/core -I${fw})
if(ARCH STREQUAL "cortex-m4")
  set(tflags -mcpu=cortex-m4 -mthumb -mfloat-abi=soft
    -T ${fw}/bare/m4_mps2_an386.ld)
  set(start ${fw}/bare/m4_startup.c)
  set(qemu_args -M mps2-an386)
elseif(ARCH STREQUAL "rv32imac")
  set(tflags -march=rv32imac -mabi=ilp32 -msmall-data-limit=0
    -mcmodel=medany -mno-relax -T ${fw}/bare/rv32_virt.ld)
  set(start ${fw}/bare/rv32_start.S ${fw}/bare/rv32_startup.c)
  set(qemu_args -M virt -bios none)
else()
  message(FATAL_ERROR "qemu.cmake: unknown ARCH '${ARCH}'")
endif()
set(defs)
if(BENCH)
  set(defs -DFW_BENCH=${n_bench})
endif()

if(RTOS)
  set(fw_srcs ${fw}/rtos/rtos_bare.c ${fw}/rtos/rtos_loop.c
    ${fw}/bare/fw_libc.c ${fw}/platform_hikey960.c)
else()
  set(fw_srcs ${fw}/bare/fw_main.c ${fw}/bare/fw_libc.c ${fw}/fw_batch.c
    ${fw}/platform_hikey960.c ${fw}/platform_sym8.c)
endif()

set(elf ${dir}/fw.elf)
execute_process(COMMAND ${CC} ${tflags} ${common} ${defs} ${start}
    ${fw_srcs} ${core} -lgcc -o ${elf}
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "qemu.cmake: ${ARCH} firmware does not build:\n${err}")
endif()

# Semihosting output goes to a file (chardev), nothing else is printed.
set(shout ${dir}/semihosting.txt)
set(run ${QEMU} ${qemu_args} -display none -monitor none -serial none
  -chardev file,id=sh,path=${shout}
  -semihosting-config enable=on,target=native,chardev=sh)

if(NOT BENCH)
  execute_process(COMMAND ${run} -kernel ${elf} TIMEOUT 120
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(target_out)
  if(EXISTS ${shout})
    file(READ ${shout} target_out)
  endif()
  file(WRITE ${dir}/target.txt "${target_out}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "qemu.cmake: ${ARCH} firmware on QEMU failed "
      "(exit ${rc}):\n${err}\nlast output:\n${target_out}")
  endif()
  execute_process(COMMAND ${HOST} RESULT_VARIABLE rc
    OUTPUT_VARIABLE host_out)
  file(WRITE ${dir}/host.txt "${host_out}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "qemu.cmake: fw_batch_host failed (exit ${rc})")
  endif()
  if(NOT host_out MATCHES "\ndone decisions=([0-9]+)\n$")
    message(FATAL_ERROR "qemu.cmake: the host batch did not complete")
  endif()
  set(n ${CMAKE_MATCH_1})
  if(NOT target_out STREQUAL host_out)
    string(REPLACE "\n" ";" hl "${host_out}")
    string(REPLACE "\n" ";" tl "${target_out}")
    list(LENGTH hl nh)
    list(LENGTH tl nt)
    set(i 0)
    while(i LESS nh AND i LESS nt)
      list(GET hl ${i} a)
      list(GET tl ${i} b)
      if(NOT a STREQUAL b)
        break()
      endif()
      math(EXPR i "${i} + 1")
    endwhile()
    math(EXPR line "${i} + 1")
    message(FATAL_ERROR "qemu.cmake: ${ARCH} differs from the host at "
      "line ${line} (host ${nh} lines, target ${nt}):\n  host:   ${a}\n"
      "  target: ${b}\n(full outputs: ${dir}/host.txt, ${dir}/target.txt)")
  endif()
  if(GOLDEN)
    file(READ ${GOLDEN} golden)
    if(NOT host_out STREQUAL golden)
      message(FATAL_ERROR "qemu.cmake: the host output (${dir}/host.txt) "
        "differs from ${GOLDEN}")
    endif()
  endif()
  message(STATUS "${ARCH} on QEMU: ${n} decisions identical to the host")
  return()
endif()

# Benchmark: the address of fw_bench_mark (Thumb bit cleared).
string(REGEX REPLACE "gcc$" "nm" nm ${CC})
execute_process(COMMAND ${nm} ${elf} OUTPUT_VARIABLE syms RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT syms MATCHES "([0-9a-f]+) [Tt] fw_bench_mark\n")
  message(FATAL_ERROR "qemu.cmake: no fw_bench_mark in ${elf}")
endif()
math(EXPR mark "0x${CMAKE_MATCH_1} & ~1" OUTPUT_FORMAT HEXADECIMAL)
set(log ${dir}/exec.log)
execute_process(COMMAND ${run} -singlestep -d exec,nochain -D ${log}
    -kernel ${elf} TIMEOUT 240
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(EXISTS ${shout})
  file(READ ${shout} out)
endif()
if(NOT rc EQUAL 0 OR NOT out MATCHES "bench done")
  message(FATAL_ERROR "qemu.cmake: benchmark failed (exit ${rc}): ${out}${err}")
endif()
# Trace lines: "Trace 0: 0x... [<flags>/<pc>/<...>/<...>] symbol". Each
# entry of fw_bench_mark closes the previous decision's count.
string(REGEX REPLACE "^0x" "" markhex ${mark})
string(LENGTH "${markhex}" len)
math(EXPR pad "8 - ${len}")
string(REPEAT "0" ${pad} zeros)
set(pc "${zeros}${markhex}")
file(STRINGS ${log} trace REGEX "^Trace ")
file(REMOVE ${log}) # tens of MB
set(seg -1)
set(count 0)
set(counts)
foreach(t IN LISTS trace)
  if(t MATCHES "/${pc}/")
    if(seg GREATER_EQUAL 0)
      list(APPEND counts ${count})
    endif()
    math(EXPR seg "${seg} + 1")
    set(count 0)
  else()
    math(EXPR count "${count} + 1")
  endif()
endforeach()
list(LENGTH counts nc)
if(NOT nc EQUAL n_bench)
  message(FATAL_ERROR "qemu.cmake: ${nc} decisions traced, expected "
    "${n_bench} (fw_bench_mark at ${pc})")
endif()
# Per path: the firmware prints "bench <i> path=<path>" afterwards.
set(total 0)
set(min 0)
set(max 0)
set(paths)
foreach(i RANGE 0 ${n_bench})
  if(i EQUAL n_bench)
    break()
  endif()
  list(GET counts ${i} c)
  math(EXPR total "${total} + ${c}")
  if(i EQUAL 0 OR c LESS min)
    set(min ${c})
  endif()
  if(c GREATER max)
    set(max ${c})
  endif()
  if(NOT out MATCHES "bench ${i} path=([a-z_]+)\n")
    message(FATAL_ERROR "qemu.cmake: no path printed for decision ${i}")
  endif()
  set(p ${CMAKE_MATCH_1})
  if(NOT p IN_LIST paths)
    list(APPEND paths ${p})
    set(sum_${p} 0)
    set(n_${p} 0)
  endif()
  math(EXPR sum_${p} "${sum_${p}} + ${c}")
  math(EXPR n_${p} "${n_${p}} + 1")
endforeach()
math(EXPR per "${total} / ${n_bench}")
set(detail)
list(SORT paths)
foreach(p IN LISTS paths)
  math(EXPR a "${sum_${p}} / ${n_${p}}")
  string(APPEND detail "\n  path=${p}: ${a} (${n_${p}} decisions)")
endforeach()
message("m4-insns select-v6.19 hikey960 (8 CPUs): ${per} instructions per "
  "decision, mean of ${n_bench} random landscapes (min ${min}, max ${max}; "
  "eas_select_task_rq_fair(res = NULL) plus ~10 of loop and marker)${detail}")
