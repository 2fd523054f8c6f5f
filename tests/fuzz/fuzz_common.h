/* SPDX-License-Identifier: MIT */
/*
 * Shared by every fuzz target (tests/fuzz/fuzz_<target>.c). A target defines
 * LLVMFuzzerTestOneInput() only; it is linked either with libFuzzer
 * (-DEAS_BUILD_FUZZERS=ON, clang) or with regression_driver.c, whose
 * main() replays tests/fuzz/corpus/<target>/ as a ctest entry.
 *
 * A target must never crash, leak or hang on any input. Violated invariants
 * abort() through FUZZ_CHECK so that both drivers report them.
 */
#ifndef EAS_TESTS_FUZZ_COMMON_H
#define EAS_TESTS_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: invariant failed: %s\n",       \
				__FILE__, __LINE__, #cond);                    \
			abort();                                               \
		}                                                              \
	} while (0)

#endif /* EAS_TESTS_FUZZ_COMMON_H */
