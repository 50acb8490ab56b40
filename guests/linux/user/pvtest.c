/* SPDX-License-Identifier: MIT */
/*
 * pvtest: the checks the Linux guest's init runs in user space
 * (guests/linux/user/init), each printing one line the system test
 * linux-<board> matches, and exiting non-zero when the check fails.
 *
 *   pvtest fork N     N processes alive at once: each child waits on a
 *                     pipe until the parent has forked them all, then
 *                     exits with a code derived from its index; the
 *                     parent checks every child's exit status.
 *   pvtest mem PCT    maps PCT percent of MemAvailable (/proc/meminfo)
 *                     anonymously, writes every word with a value derived
 *                     from its address and a seed, then reads every word
 *                     back: the kernel's page faults, its page tables
 *                     (through the hypervisor) and most of the domain's
 *                     RAM in use at once.
 *
 * Built static with Debian's arm-linux-gnueabi-gcc by guests/linux/initramfs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static int fail(const char *what)
{
	printf("pvtest: FAIL: %s: %s\n", what, strerror(errno));
	return 1;
}

static int exit_code_of(long i)
{
	return (int)((i * 7 + 3) & 0x7f);
}

static int fork_test(long n)
{
	int gate[2];
	if (n < 1 || n > 1000)
		return printf("pvtest: FAIL: fork count %ld not in 1..1000\n", n), 1;
	pid_t *pids = calloc((size_t)n, sizeof *pids);
	if (pids == NULL || pipe(gate) != 0)
		return fail("setup");
	for (long i = 0; i < n; i++) {
		pid_t p = fork();
		if (p < 0)
			return fail("fork");
		if (p == 0) {
			char c;
			close(gate[1]);
			/* Every child stays until the parent closes the gate:
			 * all n processes exist at once. */
			while (read(gate[0], &c, 1) < 0 && errno == EINTR)
				;
			_exit(exit_code_of(i));
		}
		pids[i] = p;
	}
	close(gate[0]);
	close(gate[1]);
	long right = 0;
	for (long i = 0; i < n; i++) {
		int st;
		if (waitpid(pids[i], &st, 0) != pids[i])
			return fail("waitpid");
		if (WIFEXITED(st) && WEXITSTATUS(st) == exit_code_of(i))
			right++;
	}
	printf("pvtest fork: %ld processes at once, %ld exit codes right\n", n, right);
	return right == n ? 0 : 1;
}

static long mem_available_kib(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[128];
	long kib = -1;
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "MemAvailable: %ld kB", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

static int mem_test(long pct)
{
	if (pct < 1 || pct > 95)
		return printf("pvtest: FAIL: percentage %ld not in 1..95\n", pct), 1;
	long avail = mem_available_kib();
	if (avail <= 0)
		return fail("MemAvailable");
	size_t bytes = (size_t)(avail * pct / 100) * 1024;
	unsigned long *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return fail("mmap");
	size_t words = bytes / sizeof *p;
	unsigned long seed = (unsigned long)getpid() * 2654435761UL;
	for (size_t i = 0; i < words; i++)
		p[i] = (unsigned long)&p[i] ^ seed;
	/* The compiler must read memory back, not reuse what it wrote. */
	__asm__ volatile("" ::: "memory");
	size_t bad = 0;
	for (size_t i = 0; i < words; i++)
		if (p[i] != ((unsigned long)&p[i] ^ seed))
			bad++;
	if (munmap(p, bytes) != 0)
		return fail("munmap");
	printf("pvtest mem: %zu KiB of %ld KiB available written and read back, "
	       "%zu bad words\n", bytes / 1024, avail, bad);
	return bad == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && strcmp(argv[1], "fork") == 0)
		return fork_test(strtol(argv[2], NULL, 10));
	if (argc == 3 && strcmp(argv[1], "mem") == 0)
		return mem_test(strtol(argv[2], NULL, 10));
	fprintf(stderr, "usage: pvtest fork N | pvtest mem PERCENT\n");
	return 2;
}
