/* SPDX-License-Identifier: MIT */
/*
 * Plain main() for the fuzz targets: replays every file given on the
 * command line, or every regular file of each directory given, through
 * LLVMFuzzerTestOneInput(). Used as a ctest entry with the checked-in
 * corpus (tests/fuzz/corpus/<target>/), so gcc builds, sanitizer builds
 * and CI run the regressions without libFuzzer. Fails on an empty corpus.
 */
#define _POSIX_C_SOURCE 200809L
#include "fuzz_common.h"

#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f) {
		perror(path);
		return -1;
	}
	for (;;) {
		size_t r;

		if (cap - n < 4096) {
			size_t ncap = cap ? cap * 2 : 65536;
			unsigned char *nb = realloc(buf, ncap);

			if (!nb) {
				fclose(f);
				free(buf);
				return -1;
			}
			buf = nb;
			cap = ncap;
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (!r)
			break;
	}
	fclose(f);
	/* exact size: a heap overread past the input is caught by ASan */
	{
		unsigned char *exact = malloc(n ? n : 1);

		if (!exact) {
			free(buf);
			return -1;
		}
		memcpy(exact, buf, n);
		free(buf);
		LLVMFuzzerTestOneInput(exact, n);
		free(exact);
	}
	return 0;
}

int main(int argc, char **argv)
{
	long count = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;
		DIR *d;
		struct dirent *e;

		if (stat(argv[i], &st)) {
			perror(argv[i]);
			return 1;
		}
		if (!S_ISDIR(st.st_mode)) {
			if (run_file(argv[i]))
				return 1;
			count++;
			continue;
		}
		d = opendir(argv[i]);
		if (!d) {
			perror(argv[i]);
			return 1;
		}
		while ((e = readdir(d))) {
			char path[4096];

			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", argv[i],
				 e->d_name);
			if (stat(path, &st) || !S_ISREG(st.st_mode))
				continue;
			if (run_file(path)) {
				closedir(d);
				return 1;
			}
			count++;
		}
		closedir(d);
	}
	printf("%ld inputs replayed without failure\n", count);
	return count ? 0 : 1;
}
