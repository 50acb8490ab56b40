/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The reference hypervisor's static configuration: what it runs, and the
 * rules it enforces between what it runs. The data lives in config.c (one
 * readable table); hv_config_check() refuses a bad one at boot with a
 * message naming the offending entry. The checker is plain C with no
 * hypervisor dependencies so host unit tests cover every refusal.
 */
#ifndef REFHV_CONFIG_H
#define REFHV_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "refhv_abi.h"

#define HV_MAX_DOMS 4u
#define HV_MAX_CHANS 4u
#define HV_MAX_IRQS 8u
#define HV_MAX_DEVS 4u
#define HV_NO_IRQ UINT32_MAX
#define HV_IRQ_LINES_MAX 128u  /* interrupt lines the hypervisor can route */

/* What happens when a domain takes an exception it cannot handle itself. */
enum hv_fault_action {
	HV_FAULT_STOP = 1,    /* stop it; nobody is told */
	HV_FAULT_RESTART = 2, /* rebuild it from its image and start again; after
				 HV_MAX_RESTARTS, stop it and notify the
				 controlling domain */
	HV_FAULT_NOTIFY = 3,  /* stop it and raise REFHV_VIRQ_DOM_FAULT in the
				 controlling domain */
};

enum hv_image {
	HV_IMAGE_SECURE = 0,
	HV_IMAGE_RICH = 1,
	HV_IMAGE_ATTACKER = 2,
	HV_IMAGE_LINUX = 3,   /* a Linux kernel Image (the hv-linux build only) */
	HV_IMAGE_COUNT = 4,
};

/* The guest layout a domain is built with (refhv_abi.h, refhv_linux.h). */
enum hv_dom_kind {
	HV_KIND_SMALL = 0, /* the 1 MiB layout of refhv_abi.h (the default) */
	HV_KIND_LINUX = 1, /* a para-virtualized Linux: all its memory mapped at
			      REFHV_LINUX_VA, entered with the MMU on
			      (refhv_linux.h); HV_IMAGE_LINUX only */
};

/*
 * What a domain is trusted with (docs/threat-model.md, "Trust in the
 * configuration"). The checker holds the configuration to the rules the
 * threat model relies on for each level.
 */
enum hv_trust {
	HV_TRUST_NONE = 1,   /* untrusted, assumed hostile (a rich OS, anything
				running third-party code); holds no secret */
	HV_TRUST_SECRET = 2, /* holds secrets (a key, a PIN) that every other
				domain must be kept from; its memory never
				leaves it: it may not grant, nor own a ring */
	HV_TRUST_TCB = 3,    /* trusted as far as the hypervisor itself: the only
				level that may own a DMA-capable device, which
				reaches all of RAM (no IOMMU on these cores) */
};

struct hv_dom_cfg {
	const char *name;
	uint16_t id;            /* must equal the entry's index */
	uint32_t mem_base;      /* machine address, 1 MiB aligned */
	uint32_t mem_size;      /* bytes: HV_KIND_SMALL needs exactly 1 MiB,
				   HV_KIND_LINUX a whole number of MiB in
				   REFHV_LINUX_MEM_MIN..REFHV_LINUX_MEM_MAX */
	enum hv_dom_kind kind;  /* its layout (zero: HV_KIND_SMALL) */
	enum hv_image image;
	uint32_t sched_weight;  /* credit scheduler weight */
	uint32_t sched_cap;     /* credit cap in % (0 = none) */
	uint64_t hypercalls;    /* bit n: may make hypercall n */
	enum hv_fault_action on_fault;
	bool controller;        /* the controlling domain (at most one) */
	enum hv_trust trust;    /* what it is trusted with (required) */
	const char *assets;     /* SECRET and TCB: what it holds, in words */
	const char *cmdline;    /* its start info's command line (NULL: none),
				   shorter than REFHV_CMDLINE_MAX */
};

/* A pair of domains allowed to open event channels. If ring is set, the
 * builder also connects them: a ring page of a's, granted to b, and one
 * interdomain channel, both written into their start-info pages. */
struct hv_chan_cfg {
	uint16_t a, b;
	bool ring;
};

/* A physical interrupt line routed to a domain. */
struct hv_irq_cfg {
	uint32_t line;
	uint16_t dom;
};

/* A device given to a domain: its register pages (machine addresses
 * outside RAM, mapped by the domain as device memory through lib/mmu's I/O
 * regions) and, unless HV_NO_IRQ, its interrupt line, routed to the same
 * domain. The builder names the domain's first device in its start info. */
struct hv_dev_cfg {
	const char *name;
	uint32_t base, size;  /* 4 KiB aligned, 4 KiB multiple */
	uint32_t irq;         /* line, or HV_NO_IRQ */
	uint16_t dom;
	bool dma;             /* a bus master: can read and write all of RAM,
				 hypervisor included (no IOMMU). Only an
				 HV_TRUST_TCB domain may own one */
};

/* A machine range the hypervisor's own drivers use: never a guest's. */
struct hv_io_cfg {
	uint32_t base, size;
};

struct hv_config {
	uint32_t ram_base, ram_size;   /* the board's RAM */
	uint32_t hyp_base, hyp_size;   /* RAM the hypervisor keeps */
	uint32_t irq_lines;            /* the interrupt controller's lines */
	const uint32_t *reserved_irqs; /* lines the hypervisor itself uses */
	uint32_t nr_reserved_irqs;
	uint64_t slice_ns;             /* scheduler time slice */
	const struct hv_dom_cfg *doms;
	uint32_t nr_doms;
	const struct hv_chan_cfg *chans;
	uint32_t nr_chans;
	const struct hv_irq_cfg *irqs;
	uint32_t nr_irqs;
	const struct hv_dev_cfg *devs;
	uint32_t nr_devs;
	const struct hv_io_cfg *hyp_io;  /* the hypervisor's own devices */
	uint32_t nr_hyp_io;
	bool idle_end;                   /* the run may end with domains still
					    blocked that nothing can wake (they
					    wait on a peer that has stopped):
					    reported, not counted as a failure */
};

extern const struct hv_config hv_config;

/* Hypercalls only the controlling domain may be given. */
extern const uint64_t hv_controller_only_hypercalls;
/* Hypercalls that share a domain's own memory (grant): refused to a
 * domain that holds secrets. */
extern const uint64_t hv_sharing_hypercalls;
/* Number of hypercalls the ABI defines (bits above are refused). */
extern const uint32_t hv_hypercall_count;

/*
 * Check cfg. Returns 0 if good; otherwise a negative pv_status (PV_EINVAL,
 * PV_ERANGE for memory outside RAM or a device inside it, PV_EALIGN for a
 * misaligned device, PV_EEXIST for an overlap or a duplicate, PV_ESRCH for
 * an unknown domain, PV_EBUSY for an IRQ routed twice or reserved, or a
 * device on the hypervisor's own, PV_EPERM for a controller-only hypercall
 * given to another domain, or a trust rule broken: a domain holding secrets
 * allowed to grant or owning a ring page, a DMA-capable device given to a
 * domain not trusted as TCB) and a message in msg (always NUL-terminated)
 * naming the entry.
 */
int32_t hv_config_check(const struct hv_config *cfg, char *msg, size_t msglen);

#endif
