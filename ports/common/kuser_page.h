/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Where the kernel-user helpers sit in the vector page (HV_VECTORS_VA), as
 * byte offsets, for ports/common/kuser_page.S (which checks its labels
 * against them) and for the reference hypervisor's restart rule
 * (examples/hv/kuser.c). Plain numbers, no suffixes: the assembler reads
 * them too.
 *
 * The entry points and the TLS and version words are the guest ABI
 * (REFHV_KUSER_* in examples/include/refhv_abi.h, the addresses Linux user
 * space calls); the critical windows are this implementation's own.
 *
 * A cmpxchg helper's critical window runs from its RETRY instruction (the
 * load of the current value) to its STORE instruction, both included: a
 * trap whose resume or faulting pc lies in [RETRY, STORE] came before the
 * store was done, and the helper is correct if it resumes at RETRY.
 */
#ifndef PVPORT_KUSER_PAGE_H
#define PVPORT_KUSER_PAGE_H

#define KUSER_OFF_CMPXCHG64 0xF60       /* __kuser_cmpxchg64 (two slots) */
#define KUSER_OFF_CMPXCHG64_RETRY 0xF6C /* after saving r4-r6, lr and loading
					   the expected and new values */
#define KUSER_OFF_CMPXCHG64_STORE 0xF78
#define KUSER_OFF_BARRIER 0xFA0         /* __kuser_memory_barrier */
#define KUSER_OFF_CMPXCHG 0xFC0         /* __kuser_cmpxchg */
#define KUSER_OFF_CMPXCHG_RETRY 0xFC0   /* its first instruction */
#define KUSER_OFF_CMPXCHG_STORE 0xFC8
#define KUSER_OFF_GET_TLS 0xFE0         /* __kuser_get_tls */
#define KUSER_OFF_TLS 0xFF0             /* the TLS word get_tls returns */
#define KUSER_OFF_VERSION 0xFFC         /* __kuser_helper_version */
#define KUSER_OFF_FIRST KUSER_OFF_CMPXCHG64
#define KUSER_HELPERS 5                 /* the value of the version word */

#endif
