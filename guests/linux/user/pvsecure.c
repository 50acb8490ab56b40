/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pvsecure: the secure domain's requests, and the attacks on its memory
 * and the hypervisor's, from a Linux guest's user space (root), through
 * /dev/pvsecure (the kernel's drivers/misc/pvsecure.c, its interface in
 * guests/linux/src/include/uapi/linux/pvsecure.h) and /dev/mem. pvlib's
 * docs/linux.md, "The secure channel" and "Attacks from Linux".
 *
 *   pvsecure [-e STATUS] pin DIGITS         a PIN check
 *   pvsecure [-e STATUS] [-t TAG] mac TEXT  the MAC of TEXT (TAG: 16 hex
 *                                           digits, the tag it must be)
 *   pvsecure [-e STATUS] getkey             ask for the key
 *   pvsecure [-e STATUS] map FRAME [rw]     map FRAME (a machine address,
 *                                           or l1 / l2: this domain's
 *                                           tables) through a page table
 *                                           of the driver's
 *   pvsecure [-e STATUS] update PTR VAL     one raw MMU_UPDATE request
 *   pvsecure devmem ADDR                    read and mmap /dev/mem at ADDR
 *
 * STATUS is the pv_status the answer must have (PV_OK unless given: a
 * name of pvlib/abi/status.h). Prints one line; exits 0 if the answer is
 * the one expected (for devmem: both accesses refused), 1 if not, 2 on a
 * usage or device error.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/pvsecure.h>

/* pvlib/abi/status.h and the driver's errno for each (the uapi header). */
static const struct {
	int32_t status;
	const char *name;
	int err;
} statuses[] = {
	{ 0, "PV_OK", 0 },
	{ -1, "PV_EPERM", EPERM },
	{ -2, "PV_ENOENT", ENOENT },
	{ -3, "PV_ESRCH", ESRCH },
	{ -5, "PV_EIO", EIO },
	{ -7, "PV_E2BIG", E2BIG },
	{ -11, "PV_EAGAIN", EAGAIN },
	{ -12, "PV_ENOMEM", ENOMEM },
	{ -13, "PV_EACCES", EACCES },
	{ -14, "PV_EFAULT", EFAULT },
	{ -16, "PV_EBUSY", EBUSY },
	{ -17, "PV_EEXIST", EEXIST },
	{ -22, "PV_EINVAL", EINVAL },
	{ -28, "PV_ENOSPC", ENOSPC },
	{ -34, "PV_ERANGE", ERANGE },
	{ -38, "PV_ENOSYS", ENOSYS },
	{ -75, "PV_EOVERFLOW", EOVERFLOW },
	{ -201, "PV_EALIGN", EDOM },
	{ -202, "PV_ENOTPINNED", ENOLINK },
	{ -203, "PV_ETYPE", EMEDIUMTYPE },
	{ -204, "PV_EXDEV", EXDEV },
};
#define NSTATUS (sizeof statuses / sizeof statuses[0])

static int status_index(int32_t status)
{
	for (unsigned i = 0; i < NSTATUS; i++)
		if (statuses[i].status == status)
			return (int)i;
	return -1;
}

static int status_by_name(const char *name)
{
	for (unsigned i = 0; i < NSTATUS; i++)
		if (strcmp(statuses[i].name, name) == 0)
			return (int)i;
	return -1;
}

static const char *dev = "/dev/pvsecure";

static void usage(void)
{
	fprintf(stderr,
		"usage: pvsecure [-e STATUS] pin DIGITS\n"
		"       pvsecure [-e STATUS] [-t TAG] mac TEXT\n"
		"       pvsecure [-e STATUS] getkey\n"
		"       pvsecure [-e STATUS] map FRAME|l1|l2 [rw]\n"
		"       pvsecure [-e STATUS] update PTR VAL\n"
		"       pvsecure devmem ADDR\n");
	exit(2);
}

static uint32_t number(const char *s)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 0);
	if (errno || *s == '\0' || *end != '\0' || v > UINT32_MAX) {
		fprintf(stderr, "pvsecure: not a 32-bit number: %s\n", s);
		exit(2);
	}
	return (uint32_t)v;
}

static int open_dev(void)
{
	int fd = open(dev, O_RDWR);
	if (fd < 0) {
		fprintf(stderr, "pvsecure: %s: %s\n", dev, strerror(errno));
		exit(2);
	}
	return fd;
}

/*
 * The verdict on one answer: the ioctl's result (rc, err) must agree with
 * the status the driver reports (0 for PV_OK, else -1 and that status's
 * errno), and the status must be the one expected. Prints the answer's
 * end of line.
 */
static int judge(int rc, int err, int32_t status, int want)
{
	int i = status_index(status);
	if (status == 1) { /* no answer: the driver's own error */
		printf("no answer, errno %d (%s)\n", err, strerror(err));
		return 1;
	}
	if (i < 0) {
		printf("unknown status %" PRId32 " UNEXPECTED\n", status);
		return 1;
	}
	bool consistent = status == 0 ? rc == 0 : rc == -1 && err == statuses[i].err;
	if (status == 0)
		printf("%s", statuses[i].name);
	else
		printf("%s, errno %d (%s)", statuses[i].name, err, strerror(err));
	if (!consistent)
		printf(" (ioctl returned %d: INCONSISTENT)", rc);
	if (i != want)
		printf(" UNEXPECTED, wanted %s", statuses[want].name);
	printf("\n");
	return consistent && i == want ? 0 : 1;
}

static int request(uint32_t op, const char *what, const char *data, int want, const char *tag)
{
	struct pvsecure_request q;
	memset(&q, 0, sizeof q);
	size_t n = data ? strlen(data) : 0;
	if (n > sizeof q.data) {
		fprintf(stderr, "pvsecure: at most %zu bytes\n", sizeof q.data);
		exit(2);
	}
	q.op = op;
	q.len = (uint32_t)n;
	memcpy(q.data, data, n);
	q.status = 1;
	int fd = open_dev();
	int rc = ioctl(fd, PVSECURE_IOC_REQUEST, &q);
	int err = errno;
	close(fd);
	printf("pvsecure: %s: ", what);
	if (op == PVSECURE_OP_MAC && q.status == 0) {
		uint64_t t = 0;
		for (unsigned i = 0; i < 8u && i < q.out_len; i++)
			t |= (uint64_t)q.out[i] << (8u * i);
		printf("tag %016" PRIx64 " (%" PRIu32 " bytes), ", t, q.out_len);
		if (tag) {
			bool same = q.out_len == 8u && t == strtoull(tag, 0, 16);
			printf("%s %s, ", same ? "equal to" : "DIFFERENT from", tag);
			if (!same) {
				(void)judge(rc, err, q.status, want);
				return 1;
			}
		}
	}
	return judge(rc, err, q.status, want);
}

static int mmu(struct pvsecure_mmu_update *u, const char *what, int want)
{
	int fd = open_dev();
	u->status = 1;
	int rc = ioctl(fd, PVSECURE_IOC_MMU_UPDATE, u);
	int err = errno;
	close(fd);
	printf("pvsecure: %s: slot 0x%08" PRIx32 " <- 0x%08" PRIx32 ": ", what, u->ptr, u->val);
	return judge(rc, err, u->status, want);
}

static uint32_t frame(const char *s)
{
	if (strcmp(s, "l1") == 0 || strcmp(s, "l2") == 0) {
		struct pvsecure_layout l;
		int fd = open_dev();
		if (ioctl(fd, PVSECURE_IOC_LAYOUT, &l) != 0) {
			fprintf(stderr, "pvsecure: layout: %s\n", strerror(errno));
			exit(2);
		}
		close(fd);
		return s[1] == '1' ? l.l1_ma : l.l2_ma;
	}
	return number(s);
}

/* /dev/mem at addr: a read, then a mapping and a read through it. Both
 * must be refused (and we are still running to say so). */
static int devmem(uint32_t addr)
{
	int fd = open("/dev/mem", O_RDONLY);
	if (fd < 0) {
		int err = errno;
		printf("pvsecure: /dev/mem at 0x%08" PRIx32 ": open refused, errno %d (%s)\n", addr,
		       err, strerror(err));
		return err == EPERM || err == EACCES ? 0 : 2; /* no device: no test */
	}
	uint32_t word = 0;
	ssize_t got = pread(fd, &word, sizeof word, (off_t)addr);
	int read_err = got < 0 ? errno : 0;
	void *p = mmap(0, 4096, PROT_READ, MAP_SHARED, fd, (off_t)addr);
	int map_err = p == MAP_FAILED ? errno : 0;
	printf("pvsecure: /dev/mem at 0x%08" PRIx32 ": read ", addr);
	if (got < 0)
		printf("refused, errno %d (%s)", read_err, strerror(read_err));
	else
		printf("ALLOWED (%zd bytes: 0x%08" PRIx32 ")", got, word);
	if (p == MAP_FAILED)
		printf(", mmap refused, errno %d (%s)\n", map_err, strerror(map_err));
	else
		printf(", mmap ALLOWED (first word 0x%08" PRIx32 ")\n", *(volatile uint32_t *)p);
	close(fd);
	return got < 0 && p == MAP_FAILED ? 0 : 1;
}

int main(int argc, char **argv)
{
	int want = 0, opt;
	const char *tag = 0;
	while ((opt = getopt(argc, argv, "e:t:")) != -1) {
		switch (opt) {
		case 'e':
			want = status_by_name(optarg);
			if (want < 0) {
				fprintf(stderr, "pvsecure: no such status: %s\n", optarg);
				return 2;
			}
			break;
		case 't':
			if (strlen(optarg) != 16 || strspn(optarg, "0123456789abcdefABCDEF") != 16) {
				fprintf(stderr, "pvsecure: a tag is 16 hex digits: %s\n", optarg);
				return 2;
			}
			tag = optarg;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	const char *cmd = argv[0];
	char what[160];
	if (strcmp(cmd, "pin") == 0 && argc == 2) {
		snprintf(what, sizeof what, "PIN %s", argv[1]);
		return request(PVSECURE_OP_PIN_CHECK, what, argv[1], want, 0);
	}
	if (strcmp(cmd, "mac") == 0 && argc == 2) {
		snprintf(what, sizeof what, "MAC(\"%.128s\")", argv[1]);
		return request(PVSECURE_OP_MAC, what, argv[1], want, tag);
	}
	if (strcmp(cmd, "getkey") == 0 && argc == 1)
		return request(PVSECURE_OP_GET_KEY, "get the key", 0, want, 0);
	if (strcmp(cmd, "map") == 0 && (argc == 2 || (argc == 3 && strcmp(argv[2], "rw") == 0))) {
		struct pvsecure_mmu_update u = { .kind = PVSECURE_MMU_MAP, .target = frame(argv[1]),
						 .writable = argc == 3 };
		snprintf(what, sizeof what, "map %s (0x%08" PRIx32 ") %s", argv[1], u.target,
			 argc == 3 ? "read-write" : "read-only");
		return mmu(&u, what, want);
	}
	if (strcmp(cmd, "update") == 0 && argc == 3) {
		struct pvsecure_mmu_update u = { .kind = PVSECURE_MMU_RAW, .ptr = number(argv[1]),
						 .val = number(argv[2]) };
		return mmu(&u, "raw MMU_UPDATE", want);
	}
	if (strcmp(cmd, "devmem") == 0 && argc == 2)
		return devmem(number(argv[1]));
	usage();
}
