package servicetest

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	"sigs.k8s.io/yaml"
)

// manifestDir holds the plain YAML manifests, one folder, no templates.
const manifestDir = "../../deploy/kubernetes"

// manifests are the objects of deploy/kubernetes, decoded strictly (an
// unknown or misspelt field fails) into the Kubernetes API types.
type manifests struct {
	deployment *appsv1.Deployment
	service    *corev1.Service
	hpa        *autoscalingv2.HorizontalPodAutoscaler
	pdb        *policyv1.PodDisruptionBudget
	job        *batchv1.Job
	pvc        *corev1.PersistentVolumeClaim
}

// loadManifests reads every document of every .yaml file in manifestDir.
func loadManifests(t *testing.T) *manifests {
	t.Helper()
	entries, err := os.ReadDir(manifestDir)
	must(t, err)
	var m manifests
	for _, e := range entries {
		if e.IsDir() {
			t.Errorf("%s: no subfolders in %s", e.Name(), manifestDir)
			continue
		}
		if !strings.HasSuffix(e.Name(), ".yaml") {
			t.Errorf("%s: not a .yaml file", e.Name())
			continue
		}
		data, err := os.ReadFile(filepath.Join(manifestDir, e.Name()))
		must(t, err)
		if bytes.Contains(data, []byte("{{")) {
			t.Errorf("%s: a template, not plain YAML", e.Name())
		}
		for i, doc := range regexp.MustCompile(`(?m)^---\s*$`).Split(string(data), -1) {
			if strings.TrimSpace(stripComments(doc)) == "" {
				continue
			}
			m.add(t, e.Name()+" #"+strconv.Itoa(i+1), []byte(doc))
		}
	}
	return &m
}

func stripComments(doc string) string {
	return regexp.MustCompile(`(?m)^\s*#.*$`).ReplaceAllString(doc, "")
}

// add decodes one document by its apiVersion and kind.
func (m *manifests) add(t *testing.T, where string, doc []byte) {
	t.Helper()
	var meta struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
	}
	if err := yaml.Unmarshal(doc, &meta); err != nil || meta.APIVersion == "" || meta.Kind == "" {
		t.Errorf("%s: no apiVersion and kind (%v)", where, err)
		return
	}
	var obj any
	switch meta.APIVersion + " " + meta.Kind {
	case "apps/v1 Deployment":
		m.deployment = new(appsv1.Deployment)
		obj = m.deployment
	case "v1 Service":
		m.service = new(corev1.Service)
		obj = m.service
	case "autoscaling/v2 HorizontalPodAutoscaler":
		m.hpa = new(autoscalingv2.HorizontalPodAutoscaler)
		obj = m.hpa
	case "policy/v1 PodDisruptionBudget":
		m.pdb = new(policyv1.PodDisruptionBudget)
		obj = m.pdb
	case "batch/v1 Job":
		m.job = new(batchv1.Job)
		obj = m.job
	case "v1 PersistentVolumeClaim":
		m.pvc = new(corev1.PersistentVolumeClaim)
		obj = m.pvc
	default:
		t.Errorf("%s: unexpected %s %s", where, meta.APIVersion, meta.Kind)
		return
	}
	if err := yaml.UnmarshalStrict(doc, obj); err != nil {
		t.Errorf("%s: %v", where, err)
	}
}

// TestManifests checks the manifests against each other and against the
// server: probe paths and ports, resources and the runtime's limits,
// graceful termination, selectors, and the Indexed Job's shards.
func TestManifests(t *testing.T) {
	m := loadManifests(t)
	if m.deployment == nil || m.service == nil || m.hpa == nil || m.pdb == nil || m.job == nil || m.pvc == nil {
		t.Fatalf("want a Deployment, Service, HorizontalPodAutoscaler, PodDisruptionBudget, Job and PersistentVolumeClaim; got %+v", m)
	}
	c := onlyContainer(t, m.deployment.Spec.Template.Spec.Containers)
	checkProbes(t, c)
	checkRuntimeEnv(t, "Deployment", c)
	checkGracefulShutdown(t, m.deployment, c)
	checkSelectors(t, m)
	checkJob(t, m)
}

func onlyContainer(t *testing.T, cs []corev1.Container) corev1.Container {
	t.Helper()
	if len(cs) != 1 {
		t.Fatalf("%d containers, want 1", len(cs))
	}
	return cs[0]
}

// checkProbes: liveness on /healthz, readiness on /readyz, both on the
// container port the image exposes.
func checkProbes(t *testing.T, c corev1.Container) {
	t.Helper()
	if len(c.Ports) != 1 || c.Ports[0].Name != "http" || c.Ports[0].ContainerPort != exposedPort(t) {
		t.Errorf("container ports %+v, want one named http on the image's port %d", c.Ports, exposedPort(t))
	}
	for name, p := range map[string]*corev1.Probe{"/healthz": c.LivenessProbe, "/readyz": c.ReadinessProbe} {
		if p == nil || p.HTTPGet == nil || p.HTTPGet.Path != name || p.HTTPGet.Port.String() != "http" {
			t.Errorf("probe of %s: %+v", name, p)
		}
	}
}

// exposedPort is the port of deploy/Containerfile's EXPOSE, which its
// ENTRYPOINT's -addr must name too.
func exposedPort(t *testing.T) int32 {
	t.Helper()
	data, err := os.ReadFile("../../deploy/Containerfile")
	must(t, err)
	m := regexp.MustCompile(`(?m)^EXPOSE (\d+)$`).FindSubmatch(data)
	if m == nil {
		t.Fatal("Containerfile has no EXPOSE")
	}
	if !bytes.Contains(data, []byte(`"-addr", ":`+string(m[1])+`"`)) {
		t.Errorf("the ENTRYPOINT does not listen on the exposed port %s", m[1])
	}
	n, _ := strconv.Atoi(string(m[1]))
	return int32(n)
}

// checkRuntimeEnv: GOMAXPROCS and GOMEMLIMIT come from the container's
// limits, which are set.
func checkRuntimeEnv(t *testing.T, what string, c corev1.Container) {
	t.Helper()
	want := map[string]string{"GOMAXPROCS": "limits.cpu", "GOMEMLIMIT": "limits.memory"}
	for _, e := range c.Env {
		if res, ok := want[e.Name]; ok {
			if e.ValueFrom == nil || e.ValueFrom.ResourceFieldRef == nil || e.ValueFrom.ResourceFieldRef.Resource != res {
				t.Errorf("%s: %s is not taken from %s", what, e.Name, res)
			}
			delete(want, e.Name)
		}
	}
	for name := range want {
		t.Errorf("%s: %s is not set", what, name)
	}
	lim, req := c.Resources.Limits, c.Resources.Requests
	if lim.Cpu().IsZero() || lim.Memory().IsZero() || req.Cpu().IsZero() || req.Memory().IsZero() {
		t.Errorf("%s: requests %v, limits %v: want CPU and memory in both", what, req, lim)
	}
	if req.Cpu().Cmp(*lim.Cpu()) > 0 || req.Memory().Cmp(*lim.Memory()) > 0 {
		t.Errorf("%s: requests %v over limits %v", what, req, lim)
	}
}

// checkGracefulShutdown: the grace period covers the server's shutdown
// delay and timeout, and the readiness probe notices /readyz turning 503
// within the delay.
func checkGracefulShutdown(t *testing.T, d *appsv1.Deployment, c corev1.Container) {
	t.Helper()
	delay, timeout := flagDuration(t, c.Args, "shutdown-delay"), flagDuration(t, c.Args, "shutdown-timeout")
	grace := time.Duration(*d.Spec.Template.Spec.TerminationGracePeriodSeconds) * time.Second
	if grace <= delay+timeout {
		t.Errorf("terminationGracePeriodSeconds %v does not cover -shutdown-delay %v and -shutdown-timeout %v", grace, delay, timeout)
	}
	p := c.ReadinessProbe
	if notice := time.Duration(p.PeriodSeconds*p.FailureThreshold) * time.Second; notice > delay {
		t.Errorf("the readiness probe takes up to %v to notice shutdown, over -shutdown-delay %v", notice, delay)
	}
}

// flagDuration returns the value of -name=duration in args.
func flagDuration(t *testing.T, args []string, name string) time.Duration {
	t.Helper()
	for _, a := range args {
		if v, ok := strings.CutPrefix(a, "-"+name+"="); ok {
			d, err := time.ParseDuration(v)
			must(t, err)
			return d
		}
	}
	t.Fatalf("no -%s=… in %q", name, args)
	return 0
}

// checkSelectors: the Service, the PodDisruptionBudget and the autoscaler
// all find the Deployment's pods, and the Service's port reaches the
// container's.
func checkSelectors(t *testing.T, m *manifests) {
	t.Helper()
	pods := m.deployment.Spec.Template.Labels
	matches := func(sel map[string]string) bool {
		for k, v := range sel {
			if pods[k] != v {
				return false
			}
		}
		return len(sel) > 0
	}
	if !matches(m.deployment.Spec.Selector.MatchLabels) || !matches(m.service.Spec.Selector) || !matches(m.pdb.Spec.Selector.MatchLabels) {
		t.Errorf("selectors do not all match the pod labels %v", pods)
	}
	if len(m.service.Spec.Ports) != 1 || m.service.Spec.Ports[0].TargetPort.String() != "http" {
		t.Errorf("Service ports %+v, want one to the container port named http", m.service.Spec.Ports)
	}
	ref := m.hpa.Spec.ScaleTargetRef
	if ref.Kind != "Deployment" || ref.Name != m.deployment.Name || len(m.hpa.Spec.Metrics) != 1 ||
		m.hpa.Spec.Metrics[0].Resource == nil || m.hpa.Spec.Metrics[0].Resource.Name != corev1.ResourceCPU {
		t.Errorf("the autoscaler does not scale the Deployment on CPU: %+v", m.hpa.Spec)
	}
	if m.pdb.Spec.MaxUnavailable == nil && m.pdb.Spec.MinAvailable == nil {
		t.Error("the PodDisruptionBudget bounds nothing")
	}
}

// checkJob: an Indexed Job whose pods run examples/generate with -shard N,
// N its completions, K left to JOB_COMPLETION_INDEX, on the shared volume.
func checkJob(t *testing.T, m *manifests) {
	t.Helper()
	spec := m.job.Spec
	if spec.CompletionMode == nil || *spec.CompletionMode != batchv1.IndexedCompletion || spec.Completions == nil {
		t.Fatalf("the Job is not Indexed with completions: %+v", spec)
	}
	c := onlyContainer(t, spec.Template.Spec.Containers)
	if !slices.Equal(c.Command, []string{"/qrworks-generate"}) {
		t.Errorf("the Job runs %q, want /qrworks-generate", c.Command)
	}
	i := slices.Index(c.Args, "-shard")
	if i < 0 || i+1 >= len(c.Args) || c.Args[i+1] != strconv.Itoa(int(*spec.Completions)) {
		t.Errorf("Job args %q: want -shard %d (K from JOB_COMPLETION_INDEX)", c.Args, *spec.Completions)
	}
	checkRuntimeEnv(t, "Job", c)
	vols := spec.Template.Spec.Volumes
	if len(vols) != 1 || vols[0].PersistentVolumeClaim == nil || vols[0].PersistentVolumeClaim.ClaimName != m.pvc.Name {
		t.Errorf("the Job does not mount the claim %s: %+v", m.pvc.Name, vols)
	}
	if !slices.Contains(m.pvc.Spec.AccessModes, corev1.ReadWriteMany) {
		t.Errorf("the claim is not ReadWriteMany: every pod of the Job mounts it at once")
	}
}
