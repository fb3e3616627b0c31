// Command lmsdev runs the whole product locally (make dev): DynamoDB Local,
// cognito-local and versitygw on loopback, everything template.yaml declares
// created in them, a demo tenant with one account per role, and the web app
// and API on one origin. Ctrl-C stops every child; data stays in -data.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"text/tabwriter"
	"time"

	"lms/infra/demo"
	"lms/infra/devserver"
	"lms/infra/localgw"
)

func main() {
	root := flag.String("root", ".", "repository root")
	data := flag.String("data", ".local/data", "folder that keeps the local data across restarts")
	addr := flag.String("addr", "127.0.0.1:8080", "listen address of web app and API")
	vgw := flag.String("versitygw", "", "path of the versitygw binary")
	web := flag.String("web", "web/dist", "built web app")
	verbose := flag.Bool("v", false, "print the services' own output too")
	flag.Parse()

	start := time.Now()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	services := io.Discard
	if *verbose {
		services = os.Stderr
	}
	absRoot, _ := filepath.Abs(*root)
	srv, err := devserver.Start(ctx, devserver.Options{
		Root: absRoot, DataDir: *data, VersityGW: *vgw, WebDir: *web, Addr: *addr,
		Log: services, FunctionLog: os.Stdout, Mail: os.Stdout, Seed: true,
	})
	if err != nil {
		if srv != nil {
			srv.Close()
		}
		fmt.Fprintln(os.Stderr, "lmsdev:", err)
		os.Exit(1)
	}
	fmt.Printf("\nLMS berjalan di %s  (API: %s/api, siap dalam %.1f s)\n\n", srv.URL, srv.URL, time.Since(start).Seconds())
	tw := tabwriter.NewWriter(os.Stdout, 0, 2, 2, ' ', 0)
	fmt.Fprintf(tw, "Peran\tNIP/NIK\tKata sandi\tNama\n")
	for _, a := range demo.Accounts {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", a.Role, a.Username, a.Password, a.Name)
	}
	tw.Flush()
	fmt.Printf("\nTenant demo: %s. Data: %s. Tekan Ctrl-C untuk berhenti.\n", demo.TenantID, *data)
	fmt.Printf("Surat keluar (email notifikasi, tidak dikirim): %s%s\n", srv.URL, localgw.MailPath)
	fmt.Printf("AWS SDK/CLI lokal: AWS_ENDPOINT_URL_DYNAMODB=%s AWS_ENDPOINT_URL_S3=%s AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER=%s\n\n",
		srv.Stack.DynamoEndpoint, srv.Stack.S3Endpoint, srv.Stack.CognitoEndpoint)

	<-ctx.Done()
	fmt.Println("\nberhenti…")
	srv.Close()
}
