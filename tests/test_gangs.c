/* Gangs (Coscheduling, policies/permit/coscheduling.c) in replay, on timelines worked out by hand: a group starts all together or
 * waits holding nothing, min-available, a group that can never start, and the loader's and the
 * config's errors. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "sim/report/waits.h"
#include "tests/support.h"

SCRATCH_SUITE(gangs, scratch_make);

static struct hand_trace trace;

static const char coscheduling[] = "      permit:\n        enabled:\n          - name: Coscheduling\n";
static const char group_g[] = "    job-name: g\n";

static void replay(struct simulation *s, const char *plugins)
{
	hand_write(&trace, dir, "");
	write_sched_with(dir, plugins, "");
	struct error err;
	cr_assert_eq(run_dir(dir, MODE_REPLAY, 42, s, &err), 0, "%s", err.msg);
}

/* n1 has 2 GPUs.  X takes one from 0 to 100.  G1 and G2 (group g, one GPU each, 50 s) arrive at
 * 10; Y (one GPU, 100 s) at 20.
 * One by one: G1 starts at 10 on the free GPU, G2 waits; Y waits; G1 leaves at 60 and G2, first
 * in the queue, starts then; X leaves at 100 and Y starts.  The group's quorum (2) was there at
 * 10 and started at 60: a wait of 50.
 * As a gang: at 10 G1 fits but G2 does not, so neither starts and the GPU stays free; Y takes
 * it at 20.  At 100 (X leaves) one GPU is free, not two; at 120 (Y leaves) both start: 110. */
static void trace_of_one_gang(void)
{
	hand_node(&trace, "n1", 2, "");
	hand_pod(&trace, "X", "1", 1, 0, 100, "", "");
	hand_pod(&trace, "G1", "1", 1, 10, 50, group_g, "");
	hand_pod(&trace, "G2", "1", 1, 10, 50, group_g, "");
	hand_pod(&trace, "Y", "1", 1, 20, 100, "", "");
}

Test(gangs, one_by_one_the_members_start_apart)
{
	trace_of_one_gang();
	struct simulation s;
	replay(&s, "");
	cr_assert_eq(outcome_of(&s, "G1")->start, 10);
	cr_assert_eq(outcome_of(&s, "G2")->start, 60);
	cr_assert_eq(outcome_of(&s, "Y")->start, 100);
	struct gang_waits g;
	cr_assert_eq(gang_waits(&s.run.arrivals, &s.run.result, &g), 0);
	cr_assert_eq(g.groups, 1);
	cr_assert_eq(g.started, 1);
	cr_assert_eq(g.max, 50);
	simulation_release(&s);
}

Test(gangs, a_gang_waits_rather_than_holding_gpus)
{
	trace_of_one_gang();
	struct simulation s;
	replay(&s, coscheduling);
	cr_assert_eq(outcome_of(&s, "Y")->start, 20, "the GPU G1 could have had is not held for it");
	cr_assert_eq(outcome_of(&s, "G1")->start, 120);
	cr_assert_eq(outcome_of(&s, "G2")->start, 120);
	cr_assert_eq(outcome_of(&s, "G1")->end, 170);
	cr_assert(s.run.result.gangs);
	struct gang_waits g;
	cr_assert_eq(gang_waits(&s.run.arrivals, &s.run.result, &g), 0);
	cr_assert_eq(g.started, 1);
	cr_assert_eq(g.max, 110);
	cr_assert_float_eq(g.mean, 110, 1e-9);
	simulation_release(&s);
}

/* Coscheduling at queueSort turns gangs on too (and sorts as PrioritySort). */
Test(gangs, coscheduling_at_queue_sort_is_the_same)
{
	trace_of_one_gang();
	struct simulation s;
	replay(&s, "      queueSort:\n        enabled:\n          - name: Coscheduling\n");
	cr_assert_eq(outcome_of(&s, "G2")->start, 120);
	simulation_release(&s);
}

/* Three pods of group h with min-available 2 on a node of 2 GPUs, all arriving at 0 for 100 s:
 * two start together at 0, and the third, the group's quorum running, starts alone at 100. */
Test(gangs, min_available_lets_the_rest_start_alone)
{
	static const char group_h[] = "    pod-group.scheduling.sigs.k8s.io/name: h\n"
				      "    pod-group.scheduling.sigs.k8s.io/min-available: '2'\n";
	hand_node(&trace, "n1", 2, "");
	hand_pod(&trace, "H1", "1", 1, 0, 100, group_h, "");
	hand_pod(&trace, "H2", "1", 1, 0, 100, group_h, "");
	hand_pod(&trace, "H3", "1", 1, 0, 100, group_h, "");
	struct simulation s;
	replay(&s, coscheduling);
	cr_assert_eq(outcome_of(&s, "H1")->start, 0);
	cr_assert_eq(outcome_of(&s, "H2")->start, 0);
	cr_assert_eq(outcome_of(&s, "H3")->start, 100, "H3 started at %lld", (long long)outcome_of(&s, "H3")->start);
	simulation_release(&s);
}

/* Group k asks for 3 but has 2 pods: it never starts, and the run ends all the same, each
 * member saying why in pods.csv. */
Test(gangs, a_group_short_of_its_quorum_never_starts_and_says_why)
{
	static const char group_k[] = "    job-name: k\n    pod-group.scheduling.sigs.k8s.io/min-available: '3'\n";
	hand_node(&trace, "n1", 4, "");
	hand_pod(&trace, "K1", "1", 1, 0, 100, group_k, "");
	hand_pod(&trace, "K2", "1", 1, 5, 100, group_k, "");
	hand_pod(&trace, "Z", "1", 1, 10, 100, "", "");
	hand_write(&trace, dir, "");
	write_sched_with(dir, coscheduling, "");
	char *csv = apply_dir(dir, "-m replay", "pods.csv");
	cr_assert(strstr(csv, "\nK1,1000,1024,1,1000,,,,0,,,,0,0,\"pod group k: it has 2 pods, fewer than its "
			      "min-available 3\",\n"),
		  "%s", csv);
	cr_assert(strstr(csv, "\nZ,1000,1024,1,1000,,n1,0,10,10,110,0,0,0,,\n"), "%s", csv);
	free(csv);
	char *json = apply_dir(dir, "-m replay", "summary.json");
	cr_assert(strstr(json, "\"pod_groups\":\t{\n\t\t\t\"gangs\":\ttrue,\n\t\t\t\"groups\":\t1,\n\t\t\t\"started\":\t0,"),
		  "%s", json);
	free(json);
}

/* Group labels that are wrong, each an error at its place. */
Test(gangs, bad_group_labels_are_errors_at_their_place)
{
	static const char min[] = "    job-name: j\n    pod-group.scheduling.sigs.k8s.io/min-available: ";
	static const struct {
		const char *a, *b, *message;
	} bad[] = {
		{"'2'\n", "'3'\n", "cluster/pods.yaml:27:53: Pod B: min-available 3, but pod A of group j says 2"},
		{"'two'\n", "'2'\n",
		 "cluster/pods.yaml:7:53: Pod A: pod-group.scheduling.sigs.k8s.io/min-available: expected a whole number from 1 "
		 "to 1000000"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char la[256], lb[256];
		snprintf(la, sizeof la, "%s%s", min, bad[i].a);
		snprintf(lb, sizeof lb, "%s%s", min, bad[i].b);
		hand_node(&trace, "n1", 4, "");
		hand_pod(&trace, "A", "1", 1, 0, 100, la, "");
		hand_pod(&trace, "B", "1", 1, 0, 100, lb, "");
		hand_write(&trace, dir, "");
		write_sched_with(dir, coscheduling, "");
		char *err = apply_dir_fails(dir, "-m replay");
		cr_assert(strstr(err, bad[i].message), "case %zu: %s", i, err);
		free(err);
	}
}

Test(gangs, a_batch_placer_cannot_take_gangs)
{
	hand_node(&trace, "n1", 4, "");
	hand_pod(&trace, "A", "1", 1, 0, 100, group_g, "");
	hand_write(&trace, dir, "");
	write_text(dir, "sched.yaml",
		   "apiVersion: kubescheduler.config.k8s.io/v1beta1\nkind: KubeSchedulerConfiguration\nprofiles:\n"
		   "  - schedulerName: simon-scheduler\n    plugins:\n      permit:\n        enabled:\n"
		   "          - name: Coscheduling\n      score:\n        enabled:\n          - name: GA\n");
	char *err = apply_dir_fails(dir, "-m replay");
	cr_assert(strstr(err, "GA decides windows of pods; it cannot be combined with Coscheduling"), "%s", err);
	free(err);
}

/* The coscheduling plugin's PodGroup: pods labelled scheduling.x-k8s.io/pod-group: h, and a
 * PodGroup h with minMember 2, behave as min-available 2: two start at 0, the third at 100. */
Test(gangs, a_pod_group_document_sets_the_quorum)
{
	static const char group_h[] = "    scheduling.x-k8s.io/pod-group: h\n";
	hand_node(&trace, "n1", 2, "");
	hand_pod(&trace, "H1", "1", 1, 0, 100, group_h, "");
	hand_pod(&trace, "H2", "1", 1, 0, 100, group_h, "");
	hand_pod(&trace, "H3", "1", 1, 0, 100, group_h, "");
	write_text(dir, "cluster/group.yaml",
		   "apiVersion: scheduling.x-k8s.io/v1alpha1\nkind: PodGroup\nmetadata:\n  name: h\nspec:\n  minMember: 2\n"
		   "  scheduleTimeoutSeconds: 10\n");
	struct simulation s;
	replay(&s, coscheduling);
	cr_assert_eq(outcome_of(&s, "H1")->start, 0);
	cr_assert_eq(outcome_of(&s, "H2")->start, 0);
	cr_assert_eq(outcome_of(&s, "H3")->start, 100);
	simulation_release(&s);
}

/* A group of one pod whose PodGroup asks for 3: the coscheduling plugin never admits it, so it
 * waits for ever with its reason, and a pod after it still runs.  Before, a group of one ran
 * alone at once, its quorum ignored. */
Test(gangs, a_group_of_one_below_its_min_member_waits)
{
	static const char group_m[] = "    scheduling.x-k8s.io/pod-group: m\n";
	hand_node(&trace, "n1", 2, "");
	hand_pod(&trace, "M1", "1", 1, 0, 100, group_m, "");
	hand_pod(&trace, "Z", "1", 1, 10, 100, "", "");
	hand_write(&trace, dir, "");
	write_text(dir, "cluster/group.yaml",
		   "apiVersion: scheduling.x-k8s.io/v1alpha1\nkind: PodGroup\nmetadata:\n  name: m\nspec:\n  minMember: 3\n");
	write_sched_with(dir, coscheduling, "");
	char *csv = apply_dir(dir, "-m replay", "pods.csv");
	cr_assert(strstr(csv, "\nM1,1000,1024,1,1000,,,,0,,,,0,0,\"pod group m: it has 1 pods, fewer than its "
			      "min-available 3\",\n"),
		  "%s", csv);
	cr_assert(strstr(csv, "\nZ,1000,1024,1,1000,,n1,"), "%s", csv);
	free(csv);
}

/* A pod naming a PodGroup that is not there is an error at its label, with the nearest name;
 * before, it silently made a gang of itself. */
Test(gangs, a_missing_pod_group_is_an_error_at_its_label)
{
	hand_node(&trace, "n1", 2, "");
	hand_pod(&trace, "H1", "1", 1, 0, 100, "    scheduling.x-k8s.io/pod-group: hh\n", "");
	hand_write(&trace, dir, "");
	write_text(dir, "cluster/group.yaml",
		   "apiVersion: scheduling.x-k8s.io/v1alpha1\nkind: PodGroup\nmetadata:\n  name: h\nspec:\n  minMember: 1\n");
	write_sched_with(dir, coscheduling, "");
	char *err = apply_dir_fails(dir, "-m replay");
	cr_assert(strstr(err, "cluster/pods.yaml:6:36: Pod H1: scheduling.x-k8s.io/pod-group: no PodGroup 'hh' in the "
			      "cluster's YAML; did you mean h?"),
		  "%s", err);
	free(err);
}
