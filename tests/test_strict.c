/* Strict inputs: a misspelled key is an error naming file, line, column, the key and the
 * nearest known one; --strict=false makes it a warning; the reference's own keys are notes. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support.h"

static char *dir;

static void setup(void)
{
	dir = scratch_make();
	write_text(dir, "cluster/nodes.yaml", node_yaml("n1", "8", "16Gi", 2, "T4"));
	write_text(dir, "cluster/pods.yaml", pod_yaml("p1", "1", 1, 500, NULL, 1, 10));
	write_sched_config(dir, "BestFitScore", "best");
}

static void teardown(void)
{
	scratch_remove(dir);
}

TestSuite(strict, .init = setup, .fini = teardown);

/* Runs simon apply on the scratch folder with extra flags; returns the exit status and stderr. */
static int apply(const char *flags, char **err)
{
	char args[2048];
	snprintf(args, sizeof args, "apply -f %s/cluster.yaml -s %s/sched.yaml -q %s", dir, dir, flags);
	return run_simon(args, err);
}

static void expect_error(const char *file_line_col, const char *message)
{
	char *err = NULL;
	cr_assert_eq(apply("", &err), 1, "%s", err);
	char want[1024];
	snprintf(want, sizeof want, "%s/%s: %s", dir, file_line_col, message);
	cr_assert_not_null(strstr(err, want), "stderr: %s\nwanted: %s", err, want);
	free(err);
}

Test(strict, misspelled_ratio)
{
	write_cluster_config(dir, "    workloadTuningConfig:\n      raito: 1.3\n");
	expect_error("cluster.yaml:11:7", "unknown field \"raito\" in workloadTuningConfig (did you mean \"ratio\"?)");
}

Test(strict, misspelled_shuffle_and_section)
{
	write_cluster_config(dir, "    shufflePods: true\n");
	expect_error("cluster.yaml:10:5",
		     "unknown field \"shufflePods\" in spec.customConfig (did you mean \"shufflePod\"?)");
	write_cluster_config(dir, "    workloadTunningConfig:\n      ratio: 1.3\n");
	expect_error("cluster.yaml:10:5", "unknown field \"workloadTunningConfig\" in spec.customConfig (did you mean "
					  "\"workloadTuningConfig\"?)");
}

Test(strict, misspelled_weight)
{
	write_cluster_config(dir, "");
	write_text(dir, "sched.yaml",
		   "kind: KubeSchedulerConfiguration\nprofiles:\n  - plugins:\n      score:\n        enabled:\n"
		   "          - name: BestFitScore\n            wieght: 1000\n");
	expect_error("sched.yaml:7:13", "unknown field \"wieght\" in plugins.score.enabled[] (did you mean \"weight\"?)");
}

Test(strict, misspelled_plugin_arg)
{
	write_cluster_config(dir, "");
	write_text(dir, "sched.yaml",
		   "kind: KubeSchedulerConfiguration\nprofiles:\n  - plugins:\n      score:\n        enabled:\n"
		   "          - name: DotProductScore\n    pluginConfig:\n      - name: DotProductScore\n        args:\n"
		   "          dimExtMethd: merge\n");
	expect_error("sched.yaml:10:11",
		     "unknown field \"dimExtMethd\" in the args of DotProductScore (did you mean \"dimExtMethod\"?)");
}

Test(strict, misspelled_requests_in_a_pod)
{
	write_cluster_config(dir, "");
	write_text(dir, "cluster/pods.yaml",
		   "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p1\nspec:\n  containers:\n    - name: c\n"
		   "      resources:\n        request:\n          cpu: 1\n");
	expect_error("cluster/pods.yaml:9:9", "unknown field \"request\" in resources (did you mean \"requests\"?)");
}

Test(strict, misspelled_annotation)
{
	write_cluster_config(dir, "");
	write_text(dir, "cluster/pods.yaml",
		   "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p1\n  annotations:\n"
		   "    alibabacloud.com/gpu-mili: '500'\n    alibabacloud.com/gpu-count: '1'\n    other.io/x: y\n"
		   "spec:\n  containers:\n    - name: c\n      resources:\n        requests:\n          cpu: 1\n");
	expect_error("cluster/pods.yaml:6:5", "unknown field \"alibabacloud.com/gpu-mili\" in metadata.annotations "
					      "(did you mean \"alibabacloud.com/gpu-milli\"?)");
}

Test(strict, a_container_without_requests_is_a_warning)
{
	write_cluster_config(dir, "");
	write_text(dir, "cluster/pods.yaml",
		   "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p1\nspec:\n  containers:\n    - name: c\n");
	char *err = NULL;
	cr_assert_eq(apply("", &err), 0, "%s", err);
	cr_assert_not_null(strstr(err, "pods.yaml:7: Pod p1: a container has no resources.requests"), "%s", err);
	free(err);
}

Test(strict, lenient_mode_warns_and_runs)
{
	write_cluster_config(dir, "    workloadTuningConfig:\n      raito: 1.3\n");
	char *err = NULL;
	cr_assert_eq(apply("--strict=false", &err), 0, "%s", err);
	cr_assert_not_null(strstr(err, "simon: warning: "), "%s", err);
	cr_assert_not_null(strstr(err, "unknown field \"raito\" in workloadTuningConfig (did you mean \"ratio\"?); "
				       "ignored (--strict=false)"),
			   "%s", err);
	free(err);
	cr_assert_eq(apply("--strict=maybe", NULL), 2);
}

Test(strict, reference_keys_are_notes)
{
	write_cluster_config(dir, "    typicalPodsConfig:\n      isConsideredGpuResWeight: false\n");
	char *err = NULL;
	cr_assert_eq(apply("", &err), 0, "%s", err);
	cr_assert_not_null(strstr(err, "cluster.yaml:11: typicalPodsConfig.isConsideredGpuResWeight is accepted but not "
				       "used by simon"),
			   "%s", err);
	free(err);
}

/* A matrix: gate: for gates: would make a CI gate that can never fail. */
Test(strict, misspelled_matrix_keys)
{
	char text[1024];
	snprintf(text, sizeof text, "kind: Matrix\ntraces: [%s/data/example/cluster-config.yaml]\npolicies: [fgd]\n"
				    "seeds: [1]\ngate:\n  - fgd.alloc_at_100 >= 99\n", SIMON_SOURCE_DIR);
	write_text(dir, "m.yaml", text);
	char args[2048], *err = NULL;
	snprintf(args, sizeof args, "compare %s/m.yaml -q -o %s/out", dir, dir);
	cr_assert_eq(run_simon(args, &err), 1);
	cr_assert_not_null(strstr(err, "m.yaml:5:1: unknown field \"gate\" in Matrix (did you mean \"gates\"?)"), "%s",
			   err);
	free(err);
	snprintf(text, sizeof text, "kind: Matrix\ntraces: [%s/data/example/cluster-config.yaml]\npolicies: [fgd]\n"
				    "seeds: [1]\ntune_ratio: [1.0]\n", SIMON_SOURCE_DIR);
	write_text(dir, "m.yaml", text);
	cr_assert_eq(run_simon(args, &err), 1);
	cr_assert_not_null(strstr(err, "unknown field \"tune_ratio\" in Matrix (did you mean \"tune_ratios\"?)"), "%s",
			   err);
	free(err);
}
