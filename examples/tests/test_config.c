/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The configuration checker refuses each kind of bad configuration with a
 * message naming the offending entry, and accepts the shipped one.
 */
#include <stdio.h>

#include "config_fixture.h"

/* The message naming a memory address, as the checker prints it. */
static const char *at_msg(const char *fmt, uint32_t addr)
{
	static char buf[120];
	snprintf(buf, sizeof buf, fmt, addr);
	return buf;
}

static void shipped_config_accepted(void **state)
{
	(void)state;
	assert_int_equal(hv_config_check(&hv_config, msg, sizeof msg), 0);
	assert_string_equal(msg, "");
}

static void overlapping_memory(void **state)
{
	(void)state;
	doms[2].mem_base = doms[1].mem_base;
	refused(PV_EEXIST, "domain 2 (attacker): memory overlaps domain 1 (rich)");
}

static void memory_overlapping_the_hypervisor(void **state)
{
	(void)state;
	doms[0].mem_base = cfg.hyp_base + 0x00100000u;
	refused(PV_EEXIST, at_msg("domain 0 (secure): memory at 0x%08x overlaps the hypervisor",
				  cfg.hyp_base + 0x00100000u));
}

static void memory_outside_ram(void **state)
{
	(void)state;
	doms[1].mem_base = cfg.ram_base + cfg.ram_size; /* just past the end */
	refused(PV_ERANGE, at_msg("domain 1 (rich): memory at 0x%08x is outside RAM",
				  cfg.ram_base + cfg.ram_size));
	doms[1].mem_base = cfg.ram_base - 0x00100000u; /* just below */
	refused(PV_ERANGE, "domain 1 (rich)");
	doms[1].mem_base = 0xFFF00000u; /* would wrap */
	refused(PV_ERANGE, "domain 1 (rich)");
}

static void misaligned_memory(void **state)
{
	(void)state;
	doms[0].mem_base += 0x1000u;
	refused(PV_EINVAL, "domain 0 (secure): memory must be 1 MiB");
}

static void channel_to_a_missing_domain(void **state)
{
	(void)state;
	chans[1].b = 7;
	refused(PV_ESRCH, "channel 1: no domain 7");
}

static void channel_to_itself(void **state)
{
	(void)state;
	chans[0].b = chans[0].a;
	refused(PV_EINVAL, "channel 0: both ends");
}

static void duplicate_channel(void **state)
{
	(void)state;
	chans[1].a = chans[0].b;
	chans[1].b = chans[0].a;
	refused(PV_EEXIST, "channel 1: repeats channel 0");
}

static void irq_routed_twice(void **state)
{
	(void)state;
	irqs[0] = (struct hv_irq_cfg){ .line = 20, .dom = 1 };
	irqs[1] = (struct hv_irq_cfg){ .line = 20, .dom = 0 };
	cfg.nr_irqs = 2;
	refused(PV_EBUSY, "irq route 1: line 20 is already routed (route 0)");
}

/* A line nothing in the configuration uses yet. */
static uint32_t free_line(void)
{
	for (uint32_t line = 0; line < cfg.irq_lines; line++) {
		bool used = false;
		for (uint32_t k = 0; k < cfg.nr_reserved_irqs; k++)
			used |= cfg.reserved_irqs[k] == line;
		for (uint32_t k = 0; k < cfg.nr_devs; k++)
			used |= cfg.devs[k].irq == line;
		if (!used)
			return line;
	}
	fail_msg("no free line");
	return 0;
}

/* The checks of an entry that passed leave nothing in the message: an
 * accepted configuration with routes has an empty one, and a refusal after
 * an accepted route names only the refused entry. */
static void message_names_only_the_refused_entry(void **state)
{
	(void)state;
	irqs[0] = (struct hv_irq_cfg){ .line = free_line(), .dom = 1 };
	cfg.nr_irqs = 1;
	assert_int_equal(hv_config_check(&cfg, msg, sizeof msg), 0);
	assert_string_equal(msg, "");
	irqs[1] = (struct hv_irq_cfg){ .line = cfg.irq_lines, .dom = 1 };
	cfg.nr_irqs = 2;
	refused(PV_ERANGE, "no line");
	assert_string_equal(msg, at_msg("irq route 1: no line %u", cfg.irq_lines));
}

static void irq_to_unknown_domain(void **state)
{
	(void)state;
	irqs[0] = (struct hv_irq_cfg){ .line = 21, .dom = 9 };
	cfg.nr_irqs = 1;
	refused(PV_ESRCH, "irq route 0 (line 21): no domain 9");
}

static void irq_of_the_hypervisor(void **state)
{
	(void)state;
	irqs[0] = (struct hv_irq_cfg){ .line = cfg.reserved_irqs[1], .dom = 1 };
	cfg.nr_irqs = 1;
	refused(PV_EBUSY, at_msg("irq route 0: line %u is the hypervisor's", cfg.reserved_irqs[1]));
}

static void irq_line_out_of_range(void **state)
{
	(void)state;
	irqs[0] = (struct hv_irq_cfg){ .line = cfg.irq_lines, .dom = 1 };
	cfg.nr_irqs = 1;
	refused(PV_ERANGE, at_msg("irq route 0: no line %u", cfg.irq_lines));
	cfg.nr_irqs = 0;
	cfg.irq_lines = HV_IRQ_LINES_MAX + 1u;
	refused(PV_ERANGE, "config: the interrupt controller needs");
}

static bool line_reserved(uint32_t line)
{
	for (uint32_t i = 0; i < cfg.nr_reserved_irqs; i++)
		if (cfg.reserved_irqs[i] == line)
			return true;
	return false;
}

/* The shipped configuration gives domain 0 one device with a line where
 * the board has a spare timer; on a board without one a test that needs a
 * device brings its own: a page 1 MiB past the console's, on the first
 * line nobody holds. */
static void ensure_device(void)
{
	if (cfg.nr_devs == 0) {
		uint32_t line = 0;
		while (line_reserved(line))
			line++;
		devs[0] = (struct hv_dev_cfg){ .name = "timer23", .base = cfg.hyp_io[0].base + 0x100000u,
					       .size = 0x1000u, .irq = line, .dom = 0 };
		cfg.nr_devs = 1;
		assert_int_equal(hv_config_check(&cfg, msg, sizeof msg), 0);
	}
	assert_true(cfg.nr_devs >= 1u && devs[0].irq != HV_NO_IRQ);
}

static void device_errors(void **state)
{
	(void)state;
	ensure_device();
	const struct hv_dev_cfg good = devs[0];
	devs[0].dom = 7;
	refused(PV_ESRCH, "device 0 (timer23): no domain 7");
	devs[0] = good;
	devs[0].base += 0x10u;
	refused(PV_EALIGN, "device 0 (timer23): registers must be whole 4 KiB pages");
	devs[0] = good;
	devs[0].size = 0;
	refused(PV_EALIGN, "device 0 (timer23)");
	devs[0] = good;
	devs[0].base = cfg.ram_base + cfg.ram_size - 0x1000u; /* the last page of RAM */
	refused(PV_ERANGE, at_msg("device 0 (timer23): registers at 0x%08x are not outside RAM",
				  cfg.ram_base + cfg.ram_size - 0x1000u));
	devs[0] = good;
	devs[0].base = 0xFFFFF000u;
	devs[0].size = 0x2000u; /* runs past 4 GiB */
	refused(PV_ERANGE, "device 0 (timer23)");
	devs[0] = good;
	devs[0].base = cfg.hyp_io[0].base; /* the hypervisor's console */
	refused(PV_EBUSY, "device 0 (timer23): registers at");
	devs[0] = good;
	devs[1] = good;
	devs[1].name = "again";
	devs[1].irq = HV_NO_IRQ;
	cfg.nr_devs = 2;
	refused(PV_EEXIST, "device 1 (again): registers overlap device 0 (timer23)");
	devs[1].base = good.base + 0x100000u;
	devs[1].irq = good.irq;
	refused(PV_EBUSY, at_msg("device 1 (again): line %u is already routed", good.irq));
	devs[1].irq = cfg.irq_lines;
	refused(PV_ERANGE, "device 1 (again): no line");
	devs[1].irq = cfg.reserved_irqs[0];
	refused(PV_EBUSY, "is the hypervisor's");
	devs[1].irq = HV_NO_IRQ; /* registers only: fine */
	assert_int_equal(hv_config_check(&cfg, msg, sizeof msg), 0);
	cfg.nr_devs = 1;
	/* A plain route of the device's line collides with it. */
	irqs[0] = (struct hv_irq_cfg){ .line = good.irq, .dom = 1 };
	cfg.nr_irqs = 1;
	refused(PV_EBUSY, "device 0 (timer23): line");
	cfg.nr_irqs = 0;
	cfg.nr_devs = HV_MAX_DEVS + 1u;
	refused(PV_E2BIG, "too many");
}

static void unknown_domain_id(void **state)
{
	(void)state;
	doms[1].id = 5;
	refused(PV_EINVAL, "domain 1 (rich): id must equal its position");
}

static void foreground_switch_for_a_non_controller(void **state)
{
	(void)state;
	doms[2].hypercalls |= hv_controller_only_hypercalls;
	refused(PV_EPERM, "domain 2 (attacker): only the controlling domain");
}

static void nonexistent_hypercall(void **state)
{
	(void)state;
	doms[0].hypercalls |= UINT64_C(1) << 63;
	refused(PV_EINVAL, "domain 0 (secure): allows a hypercall that does not exist");
}

static void two_controllers(void **state)
{
	(void)state;
	doms[0].controller = true;
	refused(PV_EEXIST, "more than one controlling domain");
}

static void notify_without_controller(void **state)
{
	(void)state;
	doms[1].controller = false;
	doms[1].hypercalls &= ~hv_controller_only_hypercalls;
	refused(PV_ESRCH, "domain 2 (attacker): fault action notify needs a controlling domain");
}

static void bad_fault_action(void **state)
{
	(void)state;
	doms[0].on_fault = (enum hv_fault_action)0;
	refused(PV_EINVAL, "domain 0 (secure): unknown fault action");
}

static void no_domains(void **state)
{
	(void)state;
	cfg.nr_doms = 0;
	refused(PV_EINVAL, "between 1 and");
}

/* The threat model relies on these levels in the shipped configuration. */
static void shipped_trust_levels(void **state)
{
	(void)state;
	assert_int_equal(hv_config.doms[0].trust, HV_TRUST_SECRET);
	assert_string_equal(hv_config.doms[0].name, "secure");
	assert_int_equal(hv_config.doms[1].trust, HV_TRUST_NONE);
	assert_int_equal(hv_config.doms[2].trust, HV_TRUST_NONE);
	for (uint32_t i = 0; i < hv_config.nr_devs; i++)
		assert_false(hv_config.devs[i].dma);
}

static void trust_level_required(void **state)
{
	(void)state;
	doms[1].trust = (enum hv_trust)0;
	refused(PV_EINVAL, "domain 1 (rich): no trust level");
	doms[1].trust = (enum hv_trust)7;
	refused(PV_EINVAL, "domain 1 (rich): no trust level");
}

/* A command line fills the start info's field with its NUL at most: 127
 * characters are accepted and copied whole, 128 (the first too long) are
 * refused, and none (NULL) or "" is fine. */
static void command_line_bounded(void **state)
{
	(void)state;
	static char line[REFHV_CMDLINE_MAX + 1];
	memset(line, 'x', sizeof line - 1);
	line[REFHV_CMDLINE_MAX - 1] = 0; /* 127 characters */
	doms[1].cmdline = line;
	assert_int_equal(hv_config_check(&cfg, msg, sizeof msg), 0);
	line[REFHV_CMDLINE_MAX - 1] = 'x'; /* 128 */
	refused(PV_E2BIG, "domain 1 (rich): command line too long");
	line[REFHV_CMDLINE_MAX] = 0;
	refused(PV_E2BIG, "domain 1 (rich): command line too long");
	doms[1].cmdline = "";
	assert_int_equal(hv_config_check(&cfg, msg, sizeof msg), 0);
	doms[1].cmdline = NULL;
	assert_int_equal(hv_config_check(&cfg, msg, sizeof msg), 0);
}

static void trusted_with_what(void **state)
{
	(void)state;
	doms[0].assets = NULL;
	refused(PV_EINVAL, "domain 0 (secure): is trusted, but the configuration does not say");
	doms[0].assets = "";
	refused(PV_EINVAL, "domain 0 (secure): is trusted");
	doms[0].trust = HV_TRUST_NONE; /* an untrusted domain need not say */
	assert_int_equal(hv_config_check(&cfg, msg, sizeof msg), 0);
}

static void secret_domain_may_not_grant(void **state)
{
	(void)state;
	doms[0].hypercalls |= hv_sharing_hypercalls;
	refused(PV_EPERM, "domain 0 (secure): holds secrets, so it may not grant its memory");
	doms[0].trust = HV_TRUST_TCB; /* trusted with everything: its decision */
	assert_int_equal(hv_config_check(&cfg, msg, sizeof msg), 0);
}

static void secret_domain_owns_no_ring(void **state)
{
	(void)state;
	chans[0].a = 0; /* the ring page would be secure's, granted to rich */
	chans[0].b = 1;
	refused(PV_EPERM, "channel 0: its ring page would be domain 0 (secure)'s, which holds "
			  "secrets");
	chans[0].ring = false; /* a channel without a ring shares no memory */
	assert_int_equal(hv_config_check(&cfg, msg, sizeof msg), 0);
}

static void dma_device_needs_a_tcb_domain(void **state)
{
	(void)state;
	ensure_device();
	devs[0].dma = true; /* owned by secure: holds secrets, but is not TCB */
	refused(PV_EPERM, "device 0 (timer23): can DMA to all of RAM (no IOMMU), so domain 0 "
			  "(secure) would have to be trusted as tcb");
	devs[0].dom = 1; /* the untrusted rich OS */
	refused(PV_EPERM, "device 0 (timer23): can DMA to all of RAM (no IOMMU), so domain 1 "
			  "(rich) would have to be trusted as tcb");
	devs[0].dom = 0;
	doms[0].trust = HV_TRUST_TCB; /* said in so many words: accepted */
	assert_int_equal(hv_config_check(&cfg, msg, sizeof msg), 0);
	devs[0].dma = false; /* without DMA any level may own a device */
	doms[0].trust = HV_TRUST_NONE;
	assert_int_equal(hv_config_check(&cfg, msg, sizeof msg), 0);
}

static void message_always_terminated(void **state)
{
	(void)state;
	char tiny[8];
	memset(tiny, 'x', sizeof tiny);
	chans[1].b = 7;
	assert_int_equal(hv_config_check(&cfg, tiny, sizeof tiny), PV_ESRCH);
	assert_int_equal(tiny[7], '\0');
	assert_int_equal(hv_config_check(&cfg, NULL, 0), PV_ESRCH);
}

/*
 * Randomized: perturb the shipped configuration many times and check, for
 * every configuration the checker accepts, the properties the hypervisor
 * relies on (recomputed here independently); and that every refusal comes
 * with a message.
 */
static uint32_t rng_state = 12345u;
static uint32_t rnd(uint32_t n)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return (rng_state >> 8) % n;
}

static void accepted_configs_are_sound(void **state)
{
	(void)state;
	uint32_t accepted = 0, refused_n = 0;
	for (uint32_t iter = 0; iter < 20000u; iter++) {
		setup(NULL);
		ensure_device();
		for (uint32_t k = 0, n = 1u + rnd(3); k < n; k++) {
			switch (rnd(11)) {
			case 0:
				doms[rnd(cfg.nr_doms)].mem_base = cfg.ram_base + (rnd(140u) << 20);
				break;
			case 1:
				chans[rnd(cfg.nr_chans)].b = (uint16_t)rnd(5);
				break;
			case 2:
				cfg.nr_irqs = 1u + rnd(3);
				for (uint32_t i = 0; i < cfg.nr_irqs; i++)
					irqs[i] = (struct hv_irq_cfg){ rnd(cfg.irq_lines + 4u), (uint16_t)rnd(4) };
				break;
			case 3:
				doms[rnd(cfg.nr_doms)].controller = rnd(2) != 0;
				break;
			case 4:
				doms[rnd(cfg.nr_doms)].mem_size = (1u + rnd(2)) << 20;
				break;
			case 5: /* a second device anywhere near RAM or the hypervisor's */
				cfg.nr_devs = 2;
				devs[1] = (struct hv_dev_cfg){ "dev1",
					rnd(2) ? cfg.ram_base + cfg.ram_size - (rnd(4) << 12)
					       : cfg.hyp_io[rnd(cfg.nr_hyp_io)].base + (rnd(3) << 12),
					0x1000u << rnd(2), rnd(3) ? rnd(cfg.irq_lines + 2u) : HV_NO_IRQ,
					(uint16_t)rnd(4), rnd(2) != 0 };
				break;
			case 6:
				devs[0].irq = rnd(cfg.irq_lines + 2u);
				break;
			case 8:
				doms[rnd(cfg.nr_doms)].trust = (enum hv_trust)rnd(5);
				break;
			case 9:
				devs[rnd(cfg.nr_devs)].dma = rnd(2) != 0;
				break;
			case 10:
				if (rnd(2))
					doms[rnd(cfg.nr_doms)].hypercalls ^= hv_sharing_hypercalls;
				else
					chans[rnd(cfg.nr_chans)].ring ^= true;
				break;
			default:
				chans[rnd(cfg.nr_chans)].a = (uint16_t)rnd(4);
				break;
			}
		}
		int32_t rc = hv_config_check(&cfg, msg, sizeof msg);
		if (rc != 0) {
			assert_true(rc < 0);
			assert_true(msg[0] != '\0');
			refused_n++;
			continue;
		}
		accepted++;
		uint32_t controllers = 0;
		for (uint32_t i = 0; i < cfg.nr_doms; i++) {
			const struct hv_dom_cfg *d = &doms[i];
			assert_true(d->mem_base >= cfg.ram_base);
			assert_true((uint64_t)(d->mem_base - cfg.ram_base) + d->mem_size <=
				    (uint64_t)cfg.ram_size);
			assert_true(d->mem_base >= cfg.hyp_base + cfg.hyp_size);
			for (uint32_t j = 0; j < i; j++)
				assert_true(d->mem_base + d->mem_size <= doms[j].mem_base ||
					    doms[j].mem_base + doms[j].mem_size <= d->mem_base);
			controllers += d->controller;
			/* The trust rules (docs/threat-model.md). */
			assert_true(d->trust == HV_TRUST_NONE || d->trust == HV_TRUST_SECRET ||
				    d->trust == HV_TRUST_TCB);
			if (d->trust != HV_TRUST_NONE)
				assert_true(d->assets && d->assets[0]);
			if (d->trust == HV_TRUST_SECRET)
				assert_true((d->hypercalls & hv_sharing_hypercalls) == 0);
		}
		assert_true(controllers <= 1u);
		for (uint32_t i = 0; i < cfg.nr_chans; i++) {
			assert_true(chans[i].a < cfg.nr_doms && chans[i].b < cfg.nr_doms);
			assert_true(chans[i].a != chans[i].b);
			if (chans[i].ring)
				assert_true(doms[chans[i].a].trust != HV_TRUST_SECRET);
		}
		for (uint32_t i = 0; i < cfg.nr_devs; i++) {
			const struct hv_dev_cfg *v = &devs[i];
			assert_true(v->dom < cfg.nr_doms && v->size != 0);
			if (v->dma)
				assert_true(doms[v->dom].trust == HV_TRUST_TCB);
			assert_true((uint64_t)v->base + v->size <= cfg.ram_base ||
				    v->base >= (uint64_t)cfg.ram_base + cfg.ram_size);
			for (uint32_t k = 0; k < cfg.nr_hyp_io; k++)
				assert_true((uint64_t)v->base + v->size <= cfg.hyp_io[k].base ||
					    v->base >= (uint64_t)cfg.hyp_io[k].base + cfg.hyp_io[k].size);
			if (v->irq == HV_NO_IRQ)
				continue;
			assert_true(v->irq < cfg.irq_lines);
			for (uint32_t k = 0; k < cfg.nr_reserved_irqs; k++)
				assert_true(v->irq != cfg.reserved_irqs[k]);
			for (uint32_t j = 0; j < cfg.nr_irqs; j++)
				assert_true(v->irq != irqs[j].line);
			for (uint32_t j = 0; j < i; j++)
				assert_true(v->irq != devs[j].irq);
		}
		for (uint32_t i = 0; i < cfg.nr_irqs; i++) {
			assert_true(irqs[i].line < cfg.irq_lines && irqs[i].dom < cfg.nr_doms);
			for (uint32_t j = 0; j < i; j++)
				assert_true(irqs[i].line != irqs[j].line);
			for (uint32_t k = 0; k < cfg.nr_reserved_irqs; k++)
				assert_true(irqs[i].line != cfg.reserved_irqs[k]);
		}
	}
	/* Both outcomes must actually occur, or the test proves nothing. */
	assert_true(accepted > 100u);
	assert_true(refused_n > 100u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(shipped_config_accepted, setup),
		cmocka_unit_test_setup(overlapping_memory, setup),
		cmocka_unit_test_setup(message_names_only_the_refused_entry, setup),
		cmocka_unit_test_setup(memory_overlapping_the_hypervisor, setup),
		cmocka_unit_test_setup(memory_outside_ram, setup),
		cmocka_unit_test_setup(misaligned_memory, setup),
		cmocka_unit_test_setup(channel_to_a_missing_domain, setup),
		cmocka_unit_test_setup(channel_to_itself, setup),
		cmocka_unit_test_setup(duplicate_channel, setup),
		cmocka_unit_test_setup(irq_routed_twice, setup),
		cmocka_unit_test_setup(irq_to_unknown_domain, setup),
		cmocka_unit_test_setup(irq_of_the_hypervisor, setup),
		cmocka_unit_test_setup(irq_line_out_of_range, setup),
		cmocka_unit_test_setup(device_errors, setup),
		cmocka_unit_test_setup(unknown_domain_id, setup),
		cmocka_unit_test_setup(foreground_switch_for_a_non_controller, setup),
		cmocka_unit_test_setup(nonexistent_hypercall, setup),
		cmocka_unit_test_setup(two_controllers, setup),
		cmocka_unit_test_setup(notify_without_controller, setup),
		cmocka_unit_test_setup(bad_fault_action, setup),
		cmocka_unit_test_setup(no_domains, setup),
		cmocka_unit_test_setup(shipped_trust_levels, setup),
		cmocka_unit_test_setup(trust_level_required, setup),
		cmocka_unit_test_setup(trusted_with_what, setup),
		cmocka_unit_test_setup(command_line_bounded, setup),
		cmocka_unit_test_setup(secret_domain_may_not_grant, setup),
		cmocka_unit_test_setup(secret_domain_owns_no_ring, setup),
		cmocka_unit_test_setup(dma_device_needs_a_tcb_domain, setup),
		cmocka_unit_test_setup(message_always_terminated, setup),
		cmocka_unit_test_setup(accepted_configs_are_sound, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
