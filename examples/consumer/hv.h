/* SPDX-License-Identifier: BSD-2-Clause */
/* The consumer's hypervisor core (hv.c), as its port and tests call it. */
#ifndef CONSUMER_HV_H
#define CONSUMER_HV_H

#include <stdint.h>

#include <pvlib/status.h>
#include <pvlib/trap.h>
#include <pvlib/types.h>

/* Set up the hypercall table and permissions; PV_OK or a pv_status error. */
enum pv_status hv_init(void);

/* From the port's SVC handler: dispatch the hypercall in tf for dom. */
void on_hypercall(pv_domid_t dom, struct pv_trap_frame *tf);

#endif
