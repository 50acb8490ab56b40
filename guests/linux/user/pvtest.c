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
 *   pvtest protnone   a page written, then made PROT_NONE: a read of it
 *                     must raise SIGSEGV; made PROT_READ again: a read
 *                     sees the data, a write raises SIGSEGV (the
 *                     hardware entries the kernel gives such pages must
 *                     fault; the process keeps its own entries, which a
 *                     child would not).
 *
 * The benchmark rows (guests/linux/user/bench, docs/benchmarks.md), each
 * printing "pvtest bench NAME: N ops in T ns": under QEMU's
 * -icount shift=0,sleep=off one nanosecond of the guest's clock is one
 * instruction, so T counts instructions (plus any idle time skipped,
 * which these loops do not have: some process is always runnable).
 *   pvtest getpid N        N getpid system calls (made with syscall(),
 *                          not through a C library cache)
 *   pvtest forkexec N      N times fork, exec /bin/true, wait
 *   pvtest faults P R      R rounds of: map P fresh pages, write one word
 *                          in each (P page faults), unmap
 *   pvtest pipe N          N round trips of one byte between two
 *                          processes over two pipes
 *   pvtest boot            the kernel's clock (printk's time stamp, which
 *                          on both kernels counts from the machine's
 *                          start) when this runs: the boot's cost
 *
 * Built static with Debian's arm-linux-gnueabi-gcc by guests/linux/initramfs.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
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

static uint64_t now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* A read or write of *p in this very process (a child would get its own,
 * older copy of the entry): SIGSEGV if the access faulted, 0 if it did
 * not. The handler jumps back out of the faulting access. */
static sigjmp_buf probe_env;

static void probe_segv(int sig)
{
	siglongjmp(probe_env, sig);
}

static int probe(volatile char *p, int write)
{
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = probe_segv;
	sigaction(SIGSEGV, &sa, &old);
	int sig = sigsetjmp(probe_env, 1);
	if (sig == 0) {
		if (write)
			p[100] = 1;
		else
			(void)p[100];
	}
	sigaction(SIGSEGV, &old, NULL);
	return sig;
}

static int protnone_test(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	volatile char *p = mmap(NULL, (size_t)pg, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return fail("mmap");
	p[100] = 42; /* present, young and dirty */
	if (mprotect((void *)p, (size_t)pg, PROT_NONE) != 0)
		return fail("mprotect PROT_NONE");
	int none_read = probe(p, 0);
	if (mprotect((void *)p, (size_t)pg, PROT_READ) != 0)
		return fail("mprotect PROT_READ");
	int ro_write = probe(p, 1);
	int value = p[100];
	printf("pvtest protnone: read of a PROT_NONE page: %s; write of a PROT_READ page: %s;"
	       " data %s\n",
	       none_read == SIGSEGV ? "SIGSEGV" : "NOT REFUSED",
	       ro_write == SIGSEGV ? "SIGSEGV" : "NOT REFUSED", value == 42 ? "kept" : "LOST");
	return none_read == SIGSEGV && ro_write == SIGSEGV && value == 42 ? 0 : 1;
}

static int report(const char *name, long n, uint64_t t0)
{
	uint64_t ns = now_ns() - t0;
	printf("pvtest bench %s: %ld ops in %llu ns, %llu ns per op\n", name, n,
	       (unsigned long long)ns, (unsigned long long)(ns / (uint64_t)n));
	return 0;
}

static int getpid_bench(long n)
{
	long sum = 0;
	uint64_t t0 = now_ns();
	for (long i = 0; i < n; i++)
		sum += syscall(SYS_getpid);
	if (sum != n * (long)getpid())
		return printf("pvtest: FAIL: getpid returned another pid\n"), 1;
	return report("getpid", n, t0);
}

static int forkexec_bench(long n)
{
	uint64_t t0 = now_ns();
	for (long i = 0; i < n; i++) {
		pid_t p = fork();
		if (p < 0)
			return fail("fork");
		if (p == 0) {
			execl("/bin/true", "true", (char *)NULL);
			_exit(127);
		}
		int st;
		if (waitpid(p, &st, 0) != p)
			return fail("waitpid");
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			return printf("pvtest: FAIL: /bin/true exited with status %d\n", st), 1;
	}
	return report("forkexec", n, t0);
}

static int faults_bench(long pages, long rounds)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t bytes = (size_t)(pages * page);
	uint64_t t0 = now_ns();
	for (long r = 0; r < rounds; r++) {
		volatile char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return fail("mmap");
		for (long i = 0; i < pages; i++)
			p[i * page] = (char)(i + r);
		if (munmap((void *)p, bytes) != 0)
			return fail("munmap");
	}
	return report("faults", pages * rounds, t0);
}

static int pipe_bench(long n)
{
	int ping[2], pong[2];
	if (pipe(ping) != 0 || pipe(pong) != 0)
		return fail("pipe");
	pid_t p = fork();
	if (p < 0)
		return fail("fork");
	if (p == 0) {
		char c;
		for (long i = 0; i < n; i++) {
			if (read(ping[0], &c, 1) != 1)
				_exit(1);
			c = (char)(c + 1);
			if (write(pong[1], &c, 1) != 1)
				_exit(1);
		}
		_exit(0);
	}
	uint64_t t0 = now_ns();
	for (long i = 0; i < n; i++) {
		char c = (char)i, back;
		if (write(ping[1], &c, 1) != 1 || read(pong[0], &back, 1) != 1)
			return fail("pipe round trip");
		if (back != (char)(c + 1))
			return printf("pvtest: FAIL: pipe answer %d to %d\n", back, c), 1;
	}
	int st;
	if (waitpid(p, &st, 0) != p || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return printf("pvtest: FAIL: pipe partner\n"), 1;
	return report("pipe", n, t0);
}

/* printk stamps every record with the kernel's local clock; a record
 * written to /dev/kmsg comes back from it with that stamp (microseconds). */
static int boot_bench(void)
{
	static char rec[8192]; /* a record and its dictionary (CONSOLE_EXT_LOG_MAX) */
	char mark[64];
	int fd = open("/dev/kmsg", O_RDWR | O_NONBLOCK);
	if (fd < 0)
		return fail("/dev/kmsg");
	/* The newline ends the record: until then the kernel keeps it open
	 * for a continuation and readers do not see it. */
	int len = snprintf(mark, sizeof mark, "pvtest boot mark %d\n", (int)getpid());
	if (write(fd, mark, (size_t)len) != len)
		return fail("write /dev/kmsg");
	len--; /* records come back without the newline */
	for (;;) {
		ssize_t r = read(fd, rec, sizeof rec - 1);
		if (r < 0 && errno == EPIPE)
			continue; /* records overwritten while reading: go on */
		if (r <= 0)
			return printf("pvtest: FAIL: the mark is not in /dev/kmsg (%s)\n",
				      r < 0 ? strerror(errno) : "end"), 1;
		rec[r] = '\0';
		unsigned long long us;
		char *msg = strchr(rec, ';');
		if (msg != NULL && strncmp(msg + 1, mark, (size_t)len) == 0 &&
		    sscanf(rec, "%*u,%*u,%llu", &us) == 1) {
			printf("pvtest bench boot: user space at %llu us of the kernel's clock\n", us);
			return 0;
		}
	}
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && strcmp(argv[1], "fork") == 0)
		return fork_test(strtol(argv[2], NULL, 10));
	if (argc == 3 && strcmp(argv[1], "mem") == 0)
		return mem_test(strtol(argv[2], NULL, 10));
	if (argc == 3 && strcmp(argv[1], "getpid") == 0)
		return getpid_bench(strtol(argv[2], NULL, 10));
	if (argc == 3 && strcmp(argv[1], "forkexec") == 0)
		return forkexec_bench(strtol(argv[2], NULL, 10));
	if (argc == 4 && strcmp(argv[1], "faults") == 0)
		return faults_bench(strtol(argv[2], NULL, 10), strtol(argv[3], NULL, 10));
	if (argc == 3 && strcmp(argv[1], "pipe") == 0)
		return pipe_bench(strtol(argv[2], NULL, 10));
	if (argc == 2 && strcmp(argv[1], "boot") == 0)
		return boot_bench();
	if (argc == 2 && strcmp(argv[1], "protnone") == 0)
		return protnone_test();
	fprintf(stderr, "usage: pvtest fork N | mem PERCENT | protnone | getpid N | forkexec N |"
			" faults PAGES ROUNDS | pipe N | boot\n");
	return 2;
}
