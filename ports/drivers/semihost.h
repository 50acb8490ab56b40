/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ARM semihosting: the verdict to CI. Only the hypervisor (in a privileged
 * mode) can reach it; QEMU ignores semihosting SVCs from USR mode unless
 * started with -semihosting-config userspace=on, which we never pass.
 */
#ifndef PVPORT_SEMIHOST_H
#define PVPORT_SEMIHOST_H

/* Stop the machine: status 0 is ApplicationExit (QEMU exits 0), anything
 * else RunTimeErrorUnknown (QEMU exits non-zero). */
_Noreturn void semihost_exit(int status);

#endif
