//go:build unix

package media

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// childCPU is the user+system CPU time of the finished child processes:
// unlike wall time it does not depend on what else the machine is doing,
// so it is the figure to size Lambda memory (vCPUs) from.
func childCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkTranscode720p measures the production settings (veryfast, all
// threads) on the 20-second 1280x720 source with sound, reporting seconds
// of source transcoded per second of wall time. The sub-benchmarks compare
// one ffmpeg decoding once for all renditions with one ffmpeg per
// rendition; the faster one is the default.
//
//	go test ./shared/media -run '^$' -bench Transcode720p -benchtime 1x
func BenchmarkTranscode720p(b *testing.B) {
	for _, mode := range []struct {
		name     string
		separate bool
	}{{"one-ffmpeg", false}, {"per-rendition", true}} {
		b.Run(mode.name, func(b *testing.B) {
			src := video720(b)
			p, err := New(Config{})
			if err != nil {
				b.Fatal(err)
			}
			p.separate = mode.separate
			pr, err := p.Probe(context.Background(), src)
			if err != nil {
				b.Fatal(err)
			}
			tmp := b.TempDir()
			cpu0 := childCPU()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				out := filepath.Join(tmp, "out")
				if _, err := p.TranscodeVideo(context.Background(), src, out); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				os.RemoveAll(out)
				b.StartTimer()
			}
			video := pr.Duration.Seconds() * float64(b.N)
			b.ReportMetric(video/b.Elapsed().Seconds(), "video-s/wall-s")
			b.ReportMetric((childCPU()-cpu0).Seconds()/video, "cpu-s/video-s")
		})
	}
}
