# paper-config.sh — sourced by the scripts that write cluster configs for openb traces: the
# one place their shell side says how the ATC'23 experiments run a trace (shufflePod, tuning to
# 1.3x with seed 42, typical pods at 95% with step 1).
#   paper_config COMMENT NAME CUSTOM_CONFIG   prints the config
paper_config() {
	cat <<YAML
# $1
apiVersion: simon/v1alpha1
kind: Config
metadata:
  name: $2
spec:
  cluster:
    customConfig: $3
  customConfig:
    shufflePod: true
    workloadTuningConfig:
      ratio: 1.3
      seed: 42
    typicalPodsConfig:
      isInvolvedCpuPods: true
      podPopularityThreshold: 95
      podIncreaseStep: 1
      gpuResWeight: 0
YAML
}
