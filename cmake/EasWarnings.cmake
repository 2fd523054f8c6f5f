# SPDX-License-Identifier: MIT
# eas_warnings(target): the project's warning set, PRIVATE to the target.
function(eas_warnings tgt)
  target_compile_options(${tgt} PRIVATE
    -Wall -Wextra -Wpedantic -Wmissing-prototypes -Wstrict-prototypes
    -Wshadow -Wvla -Wdouble-promotion -Wformat=2 -Wundef)
  if(EAS_WERROR)
    target_compile_options(${tgt} PRIVATE -Werror)
  endif()
endfunction()
