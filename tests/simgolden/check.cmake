# SPDX-License-Identifier: MIT
# Simulator results are byte-identical to the recorded ones: runs
# `eas simulate --json` for the embedded default run and every example
# workload x platform x flavour (v5.4, v6.19, v7.1) x active-balance
# mechanism (plus --no-eas and --timeline on the default and the 20-task
# bench workload, and the rt-app corpus of tests/data) and compares the MD5 of each output with LIST.
#   cmake -DEAS=eas -DSRC=source-dir -DLIST=md5.txt -DWORK=dir [-DRECORD=1]
#         -P check.cmake
# RECORD=1 rewrites LIST (only ever from a build known to be right).
set(_ex ${SRC}/examples)
file(GLOB _plats ${_ex}/platforms/*.json)
file(GLOB _works ${_ex}/workloads/*.json)
list(SORT _plats)
list(SORT _works)
set(_kernels v5.4 v6.19 v7.1)
set(_mechs stopper balance_callback fifo1_thread)
file(MAKE_DIRECTORY ${WORK})
set(_out "")
set(_bad 0)
set(_n 0)

# One run: NAME and the arguments; appends "NAME MD5" (and the timeline's
# MD5 when TL is set) to _out.
macro(_run name tl)
  set(_args ${ARGN})
  if(${tl})
    list(APPEND _args --timeline ${WORK}/tl.txt)
    file(REMOVE ${WORK}/tl.txt)
  endif()
  execute_process(COMMAND ${EAS} simulate ${_args} --json
    OUTPUT_VARIABLE _o ERROR_VARIABLE _e RESULT_VARIABLE _rc)
  string(MD5 _m "${_rc}\n${_o}")
  string(APPEND _out "${name} ${_m}\n")
  math(EXPR _n "${_n} + 1")
  if(${tl})
    file(MD5 ${WORK}/tl.txt _m)
    string(APPEND _out "${name}:timeline ${_m}\n")
  endif()
endmacro()

foreach(_k ${_kernels})
  foreach(_m ${_mechs})
    _run(default/${_k}/${_m} 1 --kernel ${_k} --active-balance ${_m})
  endforeach()
  _run(default/${_k}/no-eas 1 --kernel ${_k} --no-eas)
  _run(bench20/${_k} 1 ${_ex}/platforms/hikey960.json
    ${SRC}/tests/simgolden/bench20.json --duration 20 --kernel ${_k})
  foreach(_m balance_callback fifo1_thread)
    _run(bench20/${_k}/${_m} 0 ${_ex}/platforms/hikey960.json
      ${SRC}/tests/simgolden/bench20.json --duration 20 --kernel ${_k}
      --active-balance ${_m})
  endforeach()
  _run(bench20/${_k}/no-eas 0 ${_ex}/platforms/hikey960.json
    ${SRC}/tests/simgolden/bench20.json --duration 20 --kernel ${_k} --no-eas)
endforeach()
foreach(_w ${_works})
  get_filename_component(_wn ${_w} NAME_WE)
  foreach(_p ${_plats})
    get_filename_component(_pn ${_p} NAME_WE)
    foreach(_k ${_kernels})
      foreach(_m ${_mechs})
        _run(${_wn}/${_pn}/${_k}/${_m} 0 ${_p} ${_w} --kernel ${_k}
          --active-balance ${_m})
      endforeach()
    endforeach()
  endforeach()
endforeach()

# The rt-app corpus (SCHED_DEADLINE, futexes, barriers, forks, yields) on
# HiKey960, 3 simulated seconds per run.
file(GLOB _corpus ${SRC}/tests/data/rtapp-corpus/*.json)
list(SORT _corpus)
foreach(_w ${_corpus})
  get_filename_component(_wn ${_w} NAME_WE)
  foreach(_k ${_kernels})
    _run(corpus/${_wn}/${_k} 0 ${_ex}/platforms/hikey960.json ${_w}
      --kernel ${_k} --duration-ms 3000)
  endforeach()
endforeach()

if(RECORD)
  file(WRITE ${LIST} "${_out}")
  message(STATUS "recorded ${_n} runs in ${LIST}")
  return()
endif()
file(READ ${LIST} _want)
if(NOT _want STREQUAL _out)
  string(REPLACE "\n" ";" _wl "${_want}")
  string(REPLACE "\n" ";" _gl "${_out}")
  foreach(_l ${_gl})
    list(FIND _wl "${_l}" _i)
    if(_i EQUAL -1)
      message(SEND_ERROR "changed: ${_l}")
    endif()
  endforeach()
  message(FATAL_ERROR "simulator output differs from ${LIST}")
endif()
message(STATUS "${_n} runs byte-identical")
