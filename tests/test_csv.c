/* The openb CSV form: a hand-written trace read as CSV equals the same trace as YAML (same
 * cluster, same pods, same run), and malformed rows are errors naming file, line and column. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support.h"

SCRATCH_SUITE(csv, scratch_make);

static const char nodes_csv[] = "sn,cpu_milli,memory_mib,gpu,model\n"
				"n-a,16000,65536,2,V100M16\n"
				"n-b,32000,131072,4,T4\n"
				"n-c,8000,32768,0,\n";

/* Shared, whole, multi-GPU, CPU-only and model-list pods, with times (one without a
 * scheduled time, one with a quoted field). */
static const char pods_csv[] =
	"name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\n"
	"p1,4000,8192,1,500,,LS,Running,0,100,0\n"
	"p2,2000,4096,1,1000,V100M16|T4,BE,Pending,10,60,12\n"
	"p3,8000,16384,2,1000,,LS,Running,20,200,\n"
	"\"p4\",1000,2048,0,0,,LS,Failed,30,90,31\n"
	"p5,1000,1024,1,250,T4,LS,Succeeded,40,400,45\n";

static const char nodes_yaml[] =
	"kind: Node\nmetadata:\n  name: n-a\n  labels:\n    alibabacloud.com/gpu-card-model: V100M16\nstatus:\n"
	"  allocatable:\n    cpu: 16000m\n    memory: 65536Mi\n    alibabacloud.com/gpu-count: '2'\n---\n"
	"kind: Node\nmetadata:\n  name: n-b\n  labels:\n    alibabacloud.com/gpu-card-model: T4\nstatus:\n"
	"  allocatable:\n    cpu: 32000m\n    memory: 131072Mi\n    alibabacloud.com/gpu-count: '4'\n---\n"
	"kind: Node\nmetadata:\n  name: n-c\nstatus:\n  allocatable:\n    cpu: 8000m\n    memory: 32768Mi\n";

static const char *pod_doc(const char *name, const char *cpu, const char *mib, const char *annotations)
{
	static char text[1024];
	snprintf(text, sizeof text,
		 "kind: Pod\nmetadata:\n  name: %s\n  annotations:\n%sspec:\n  containers:\n  - name: main\n"
		 "    resources:\n      requests:\n        cpu: %s\n        memory: %s\n",
		 name, annotations, cpu, mib);
	return text;
}

static void write_yaml_pods(void)
{
	char text[8192] = "";
	strcat(text, pod_doc("p1", "4000m", "8192Mi",
			     "    alibabacloud.com/gpu-milli: '500'\n    alibabacloud.com/gpu-count: '1'\n"
			     "    alibabacloud.com/qos: LS\n    alibabacloud.com/creation-time: '0'\n"
			     "    alibabacloud.com/deletion-time: '100'\n    alibabacloud.com/scheduled-time: '0'\n"));
	strcat(text, "---\n");
	strcat(text, pod_doc("p2", "2000m", "4096Mi",
			     "    alibabacloud.com/gpu-milli: '1000'\n    alibabacloud.com/gpu-count: '1'\n"
			     "    alibabacloud.com/gpu-card-model: V100M16|T4\n    alibabacloud.com/qos: BE\n"
			     "    alibabacloud.com/creation-time: '10'\n    alibabacloud.com/deletion-time: '60'\n"
			     "    alibabacloud.com/scheduled-time: '12'\n"));
	strcat(text, "---\n");
	strcat(text, pod_doc("p3", "8000m", "16384Mi",
			     "    alibabacloud.com/gpu-milli: '1000'\n    alibabacloud.com/gpu-count: '2'\n"
			     "    alibabacloud.com/qos: LS\n    alibabacloud.com/creation-time: '20'\n"
			     "    alibabacloud.com/deletion-time: '200'\n"));
	strcat(text, "---\n");
	strcat(text, pod_doc("p4", "1000m", "2048Mi",
			     "    alibabacloud.com/qos: LS\n    alibabacloud.com/creation-time: '30'\n"
			     "    alibabacloud.com/deletion-time: '90'\n    alibabacloud.com/scheduled-time: '31'\n"));
	strcat(text, "---\n");
	strcat(text, pod_doc("p5", "1000m", "1024Mi",
			     "    alibabacloud.com/gpu-milli: '250'\n    alibabacloud.com/gpu-count: '1'\n"
			     "    alibabacloud.com/gpu-card-model: T4\n    alibabacloud.com/qos: LS\n"
			     "    alibabacloud.com/creation-time: '40'\n    alibabacloud.com/deletion-time: '400'\n"
			     "    alibabacloud.com/scheduled-time: '45'\n"));
	write_text(dir, "yaml/pods.yaml", text);
}

static void write_config(const char *name, const char *paths)
{
	char text[1024];
	snprintf(text, sizeof text, "kind: Config\nspec:\n  cluster:\n    customConfig: %s\n", paths);
	write_text(dir, name, text);
}

static char *output(const char *run, const char *file)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s/%s", dir, run, file);
	return slurp(path);
}

Test(csv, the_same_trace_as_yaml)
{
	write_text(dir, "csv/nodes.csv", nodes_csv);
	write_text(dir, "csv/pods.csv", pods_csv);
	write_text(dir, "yaml/nodes.yaml", nodes_yaml);
	write_yaml_pods();
	write_config("from-csv.yaml", "[csv/nodes.csv, csv/pods.csv]");
	write_config("from-yaml.yaml", "yaml");
	const char *modes[] = {"inflation", "replay"};
	for (int m = 0; m < 2; m++) {
		char args[2048];
		snprintf(args, sizeof args, "apply -f %s/from-csv.yaml -p fgd --mode %s -q -o %s/a-%d", dir, modes[m], dir, m);
		cr_assert_eq(run_simon(args, NULL), 0);
		snprintf(args, sizeof args, "apply -f %s/from-yaml.yaml -p fgd --mode %s -q -o %s/b-%d", dir, modes[m], dir,
			 m);
		cr_assert_eq(run_simon(args, NULL), 0);
		const char *files[] = {"pods.csv", "nodes.csv", "curve.csv", m ? "timeline.csv" : "curve.csv"};
		for (size_t i = 0; i < 4; i++) {
			char a[16], b[16];
			snprintf(a, sizeof a, "a-%d", m);
			snprintf(b, sizeof b, "b-%d", m);
			char *x = output(a, files[i]), *y = output(b, files[i]);
			cr_assert(x && y && strcmp(x, y) == 0, "%s differs in %s mode:\n%s\n---\n%s", files[i], modes[m],
				  x ? x : "(none)", y ? y : "(none)");
			free(x);
			free(y);
		}
	}
	/* The pods as read: p3 (no scheduled time) lasts 200 − 20; p2 from 12 to 60. */
	char *pods = output("a-1", "pods.csv");
	cr_assert_not_null(strstr(pods, "\np2,2000,4096,1,1000,V100M16|T4,"), "%s", pods);
	free(pods);
}

static void expect_error(const char *file, const char *text, const char *message)
{
	write_text(dir, "csv/nodes.csv", nodes_csv);
	write_text(dir, file, text);
	write_config("c.yaml", "[csv/nodes.csv, csv/pods.csv]");
	char args[1024], *err = NULL;
	snprintf(args, sizeof args, "apply -f %s/c.yaml -p fgd -q", dir);
	cr_assert_eq(run_simon(args, &err), 1, "%s", err);
	char want[1024];
	snprintf(want, sizeof want, "%s/%s:%s", dir, file, message);
	cr_assert_not_null(strstr(err, want), "stderr: %s\nwanted: %s", err, want);
	free(err);
}

Test(csv, malformed_rows)
{
	expect_error("csv/pods.csv", "name,cpu_milli,memory_mib,num_gpu,gpu_milli\np1,abc,10,0,0\n",
		     "2: cpu_milli: expected a whole number from 0 to 1000000000, got 'abc'");
	expect_error("csv/pods.csv", "name,cpu_milli,memory_mib,num_gpu,gpu_milli\np1,1,10,0,0\np2,1,10,-1,0\n",
		     "3: num_gpu: expected a whole number from 0 to 16, got '-1'");
	expect_error("csv/pods.csv", "name,cpu_milli,memory_mib,num_gpu,gpu_milli\np1,1,10,2,500\n",
		     "2: gpu_milli: a pod with several GPUs must take whole GPUs (1000 each)");
	expect_error("csv/pods.csv", "name,cpu_milli,memory_mib,num_gpu,gpu_mili\np1,1,10,0,0\n",
		     "1: unknown column \"gpu_mili\" (did you mean \"gpu_milli\"?)");
	expect_error("csv/pods.csv", "name,cpu_milli,num_gpu,gpu_milli\np1,1,0,0\n", "1: missing column \"memory_mib\"");
	expect_error("csv/pods.csv",
		     "name,cpu_milli,memory_mib,num_gpu,gpu_milli,creation_time,deletion_time\np1,1,10,0,0,50,40\n",
		     "2: deletion_time: earlier than the pod's start");
	expect_error("csv/pods.csv", "pod,cpu\n", "1: expected an openb CSV header");
}
