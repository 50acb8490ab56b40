#!/usr/bin/env python3
# Mutation check of the XSA tests: for each advisory class, plant the bug
# that class is about in lib/ (one small source edit), rebuild, run the
# class's test and see it fail; then restore the source. Run by hand, not
# by tools/check: it edits lib/ while it runs (each edit is undone in a
# finally block; check `git status` after an interrupted run).
#   tests/xsa/mutants.py [build-dir] [class ...]   (default build/host-gcc)
import subprocess, sys, os
os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
args = sys.argv[1:]
build = args.pop(0) if args and not args[0].isdigit() else 'build/host-gcc'
P = [
 # (id, file, old, new, binary, test expected to fail)
 ('148','lib/mmu/validate.c','for (uint32_t i = idx; i < idx + n; i++) {\n\t\tint32_t rc = check_frame','for (uint32_t i = idx; i < idx + 1; i++) {\n\t\tint32_t rc = check_frame','mmu','xsa148_superpage_over_page_table'),
 ('182','lib/mmu/update.c','\tif (ne.kind != PV_MMU_ENT_FAULT) {\n\t\trc = pv_mmu_check','\tif (ne.kind != PV_MMU_ENT_FAULT && !(oe.kind == ne.kind && ((s[slot] ^ val) & 0xFFFFF000u) == 0)) {\n\t\trc = pv_mmu_check','mmu','xsa182_fastpath_permission_upgrade'),
 ('240','lib/mmu/mmu_internal.h','\tif (t == want)\n\t\treturn PV_OK;','\tif (t == want || t == PV_MMU_FT_L1)\n\t\treturn PV_OK;','mmu','xsa240_linear_page_table_chain'),
 ('242','lib/mmu/validate.c','\t} else if (m->fr_tc[idx] != 0) {\n\t\treturn PV_EBUSY;','\t} else if (m->fr_tc[idx] > 1) {\n\t\treturn PV_EBUSY;','mmu','xsa242_lost_type_reference'),
 ('286','lib/mmu/update.c','\tif (st.released)\n','\tif (st.released && rc == PV_OK)\n','mmu','xsa286_stale_tlb_after_batch'),
 ('299','lib/mmu/validate.c','\tif (rc != PV_OK)\n\t\twalk_put(m, dom, s, g, j);','\tif (rc != PV_OK && j < 100)\n\t\twalk_put(m, dom, s, g, j);','mmu','xsa299_partially_validated_table'),
 ('402','lib/mmu/mmu_internal.h','\t\tif (!((m->ram_types >> e->mt) & 1u))\n\t\t\treturn PV_EPERM;','','mmu','xsa402_uncached_alias_of_ram'),
 ('227','lib/mmu/update.c','\tif (ptr & PV_MMU_CMD_MASK)\n\t\treturn PV_EINVAL;','\tptr &= ~PV_MMU_CMD_MASK;','mmu','xsa227_misaligned_entry_address'),
 ('248','lib/mmu/mmu_internal.h','\t\tif (fr_gpeer(m, i) != dom)\n\t\t\treturn owner <= PV_DOMID_MAX_GUEST ? PV_EXDEV : PV_EPERM;','\t\tif (fr_gpeer(m, i) != dom && owner <= PV_DOMID_MAX_GUEST)\n\t\t\treturn PV_EXDEV;','mmu','xsa248_map_internal_frame'),
 ('224','lib/mmu/mmu_internal.h','\t\tif (writable && !(fr_flags(m, i) & PV_MMU_FRAME_GRANT_RW))\n\t\t\treturn PV_EACCES;','','mmu','xsa224_grant_reference_counts'),
 ('380','lib/mmu/mmu_internal.h','\t\tif (m->domains[owner].dying && !existing)\n\t\t\treturn PV_EXDEV;','\t\t(void)existing;','mmu','xsa380_grant_outlives_owner'),
 ('45','lib/mmu/update.c','\tif (count > PV_MMU_UPDATE_MAX)\n\t\treturn PV_E2BIG;','','mmu','xsa45_unbounded_page_table_work'),
 ('232','lib/mmu/maint.c','\tint32_t rc = range_mapped(m, dom, va, last);\n\tif (rc != PV_OK)\n\t\treturn rc;','\t(void)range_mapped;','mmu','xsa232_cache_maintenance_of_memory_not_mapped'),
 ('188','lib/evtchn/evtchn.c','\t\t\tif (!dc->fifo_ctrl[v])\n\t\t\t\treturn PV_EINVAL;','','evtchn','xsa188_fifo_control_error_path'),
 ('317','lib/evtchn/evtchn.c','\tpv_evtchn_deliver_clear_pending(d, port);','','evtchn','xsa317_port_allocation_error_path'),
 ('221','lib/evtchn/evtchn.c','\t\treturn PV_ESRCH;\n\tif (port == 0 || port >= d->nr_ports)\n\t\treturn PV_ERANGE;\n\tstruct pv_evtchn_port *p','\t\treturn PV_ESRCH;\n\tif (port >= d->nr_ports)\n\t\treturn PV_ERANGE;\n\tstruct pv_evtchn_port *p','evtchn','xsa221_uninitialised_port'),
 ('338','lib/evtchn/evtchn.c','\tif (d->nr_bound == 0) {\n\t\td->reset_next = 1;','\tif (d->nr_bound == 0) {\n\t\td->nr_ports = 2;\n\t\td->reset_next = 1;','evtchn','xsa338_valid_port_turns_invalid'),
 ('343','lib/evtchn/evtchn.c','\tif (d->nr_bound == 0) {\n\t\td->reset_next = 1;\n\t\treturn PV_OK;','\tif (d->nr_bound == 0 || i < d->reset_next) {\n\t\td->reset_next = 1;\n\t\treturn PV_OK;','evtchn','xsa343_reset_interleaved'),
 ('344','lib/evtchn/evtchn.c','n < PV_EVTCHN_RESET_SLICE && d->nr_bound','d->nr_bound','evtchn','xsa344_reset_not_preemptible'),
 ('342','lib/evtchn/evtchn.c','uint32_t max = dc->abi == PV_EVTCHN_ABI_2L ? PV_EVTCHN_2L_MAX_PORTS','uint32_t max = dc->abi == PV_EVTCHN_ABI_2L ? PV_EVTCHN_2L_MAX_PORTS + 32u','evtchn','xsa342_ports_past_the_bitmaps'),
 ('212','lib/hypercall/multicall.c','\tif (count > hc->multicall_max)\n\t\treturn PV_E2BIG;','\tif (count > PV_HC_MULTICALL_MAX)\n\t\treturn PV_E2BIG;','hypercall','xsa212_guest_controlled_progress'),
 ('213','lib/hypercall/dispatch.c','\tif (in_multicall && (e->flags & PV_HC_F_NO_MULTICALL)) {','\tif (in_multicall && (e->flags & PV_HC_F_NO_MULTICALL) && nr != 1) {','hypercall','xsa213_mode_change_inside_multicall'),
 ('29','lib/hypercall/guestmem.c','if ((uint64_t)a + len > limit || !hc->access)','if ((uint64_t)a + len > limit + 0x100000000u || !hc->access)','hypercall','xsa29_guest_pointer_into_hypervisor'),
]
only = args
bad = 0
for pid, f, old, new, binname, test in P:
    if only and pid not in only: continue
    src = open(f).read()
    assert src.count(old) == 1, (pid, src.count(old))
    open(f, 'w').write(src.replace(old, new))
    try:
        b = subprocess.run(['ninja','-C',build,'-j2','tests/xsa/test_xsa_'+binname], capture_output=True, text=True)
        if b.returncode != 0:
            print(pid, 'BUILD FAILED', b.stdout[-800:]); bad += 1; continue
        r = subprocess.run([build+'/tests/xsa/test_xsa_'+binname], capture_output=True, text=True, timeout=300)
        out = r.stdout + r.stderr
        failed = sorted(set(l.split()[-1] for l in out.splitlines() if '[  FAILED  ]' in l and 'test(s)' not in l))
        crashed = r.returncode != 0 and not failed
        if test not in failed and not crashed:
            bad += 1
        print('XSA-' + pid, test, 'fails' if test in failed else ('crashes, rc %d' % r.returncode if crashed else 'PASSES: the test misses its bug'), '; also failing:', [x for x in failed if x != test] or 'none')
    finally:
        open(f, 'w').write(src)
subprocess.run(['ninja','-C',build,'-j2','tests/xsa/test_xsa_mmu','tests/xsa/test_xsa_evtchn','tests/xsa/test_xsa_hypercall'], capture_output=True)
sys.exit(1 if bad else 0)
