/* SPDX-License-Identifier: BSD-2-Clause */
/* The rich domain's tests of guest ABI 8 (regs_test.c). */
#ifndef GUEST_REGS_TEST_H
#define GUEST_REGS_TEST_H

void regs_tests(void);

#endif
