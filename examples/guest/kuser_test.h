/* SPDX-License-Identifier: BSD-2-Clause */
/* The rich domain's kuser helper and TLS tests (kuser_test.c). */
#ifndef GUEST_KUSER_TEST_H
#define GUEST_KUSER_TEST_H

/* Every test; prints its lines; counts failures in g_failures. */
void kuser_tests(void);
/* After the other domains have run: our TLS value is still ours. */
void kuser_tls_check(void);

#endif
