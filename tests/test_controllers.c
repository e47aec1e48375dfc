/* Workload controllers expand into the pods they want, named as they name them, less those the
 * export already holds; a Job runs at most parallelism pods at once.  Counts worked by hand. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "tests/support.h"

SCRATCH_SUITE(controllers, scratch_make);

static void run(const char *objects, struct simulation *s)
{
	char text[8192];
	snprintf(text, sizeof text,
		 "kind: Node\nmetadata: {name: n1}\n"
		 "status: {allocatable: {cpu: '64', memory: 64Gi, nvidia.com/gpu: '8'}}\n---\n%s",
		 objects);
	write_text(dir, "cluster/all.yaml", text);
	write_cluster_config(dir, "");
	write_sched_config(dir, "BestFitScore", "best");
	struct error err = {{0}};
	cr_assert_eq(run_dir(dir, MODE_INFLATION, 1, s, &err), 0, "%s", err.msg);
}

static size_t named_like(const struct simulation *s, const char *prefix)
{
	size_t n = 0;
	for (size_t i = 0; i < s->trace.workload.n_pods; i++)
		n += strncmp(s->trace.workload.pods[i].name, prefix, strlen(prefix)) == 0;
	return n;
}

/* parallelism 2, completions 5, 1 succeeded: 4 left, 2 at once; both carry job-name train, so
 * they are one job, and the other 2 completions are named in a note. */
Test(controllers, a_job_at_parallelism_two)
{
	struct simulation s;
	run("apiVersion: batch/v1\nkind: Job\nmetadata: {name: train}\n"
	    "spec:\n  parallelism: 2\n  completions: 5\n  template:\n"
	    "    spec: {containers: [{name: c, resources: {requests: {cpu: '1', nvidia.com/gpu: '1'}}}]}\n"
	    "status: {succeeded: 1}\n",
	    &s);
	const struct workload *w = &s.trace.workload;
	cr_assert_eq(w->n_pods, 2);
	cr_assert_eq(w->n_jobs, 1);
	cr_assert_str_eq(w->jobs[0], "train");
	cr_assert_eq(w->controllers[0].wanted, 2);
	cr_assert_eq(w->controllers[0].short_of, 2);
	for (size_t i = 0; i < 2; i++) {
		cr_assert_eq(strlen(w->pods[i].name), strlen("train-") + 5, "%s", w->pods[i].name);
		cr_assert_eq(w->pods[i].gpu_count, 1);
	}
	simulation_release(&s);
}

/* A StatefulSet's pods are its ordinals; db-0 is already in the export, so only db-1 and db-2
 * are made (3 pods of db in all). */
Test(controllers, a_stateful_set_makes_the_ordinals_missing)
{
	struct simulation s;
	run("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\n"
	    "spec:\n  replicas: 3\n  template:\n    spec: {containers: [{name: c, resources: {requests: {cpu: '2'}}}]}\n"
	    "---\nkind: Pod\nmetadata:\n  name: db-0\n  ownerReferences: [{kind: StatefulSet, name: db, controller: true}]\n"
	    "spec:\n  nodeName: n1\n  containers: [{name: c, resources: {requests: {cpu: '2'}}}]\n",
	    &s);
	cr_assert_eq(s.trace.workload.n_pods, 3);
	cr_assert_str_eq(placed_on(&s, "db-1"), "n1");
	cr_assert_str_eq(placed_on(&s, "db-2"), "n1");
	simulation_release(&s);
}

/* A Deployment of 3 replicas with one running pod owned through its ReplicaSet web-abc (the
 * pod's pod-template-hash abc): 2 pods are made, named web-<hash>-<5 letters>, in its namespace. */
Test(controllers, a_deployment_makes_what_it_lacks)
{
	struct simulation s;
	run("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\n"
	    "spec:\n  replicas: 3\n  template:\n    metadata: {labels: {app: web}}\n"
	    "    spec: {containers: [{name: c, resources: {requests: {cpu: '1'}}}]}\n"
	    "---\nkind: Pod\nmetadata:\n  name: web-abc-xyz12\n  namespace: shop\n"
	    "  labels: {app: web, pod-template-hash: abc}\n"
	    "  ownerReferences: [{kind: ReplicaSet, name: web-abc, controller: true}]\n"
	    "spec: {containers: [{name: c, resources: {requests: {cpu: '1'}}}]}\n"
	    "status: {phase: Running}\n",
	    &s);
	const struct workload *w = &s.trace.workload;
	cr_assert_eq(w->n_pods, 3);
	cr_assert_eq(named_like(&s, "web-"), 3);
	size_t made = 0;
	for (size_t i = 0; i < w->n_pods; i++) {
		const struct pod_spec *p = &w->pods[i];
		cr_assert_str_eq(pod_namespace(w, p), "shop");
		if (strcmp(p->name, "web-abc-xyz12") == 0)
			continue;
		made++;
		/* web-<pod-template-hash>-<5>: two dashes, the hash's letters from Kubernetes' alphabet */
		const char *hash = p->name + 4, *dash = strchr(hash, '-');
		cr_assert(dash && strlen(dash + 1) == 5, "%s", p->name);
		cr_assert_eq(strspn(hash, "bcdfghjklmnpqrstvwxz2456789"), (size_t)(dash - hash), "%s", p->name);
	}
	cr_assert_eq(made, 2);
	simulation_release(&s);
}

/* A rerun names alike: the suffixes come from the owner and the pod's number. */
Test(controllers, names_are_the_same_on_every_load)
{
	struct arena a;
	arena_init(&a);
	const char *x = controller_pod_name(&a, "ReplicaSet", "api", NULL, 4);
	const char *y = controller_pod_name(&a, "ReplicaSet", "api", NULL, 4);
	const char *z = controller_pod_name(&a, "ReplicaSet", "api", NULL, 5);
	cr_assert_str_eq(x, y);
	cr_assert_str_neq(x, z);
	cr_assert_str_eq(controller_pod_name(&a, "StatefulSet", "db", NULL, 12), "db-12");
	char enc[16];
	safe_encode(0, enc, sizeof enc);   /* '0' is byte 48; 48 mod 27 = 21: '4' */
	cr_assert_str_eq(enc, "4");
	arena_release(&a);
}
