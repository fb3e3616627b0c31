//go:build unix

package media

import (
	"os/exec"
	"syscall"
)

// setProcessGroup puts the tool in its own process group and makes the
// context's cancellation kill the whole group: LibreOffice's soffice starts
// soffice.bin, which killing soffice alone would leave running.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		if cmd.Process == nil {
			return nil
		}
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
