package main

import (
	"fmt"
	"log/slog"
	"net"
	"os"

	"github.com/spf13/cobra"

	"deter/web"
)

func newServeCmd() *cobra.Command {
	var addr, dir, db string
	var hosts []string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Start the web workbench (package builder, results, sweeps, reports)",
		Long: `serve starts the analyst's workbench, embedded in this binary, on
127.0.0.1:8080 by default. It works on the scenario files of --dir: open,
validate and edit them (saves keep the previous version and refuse to
overwrite someone else's change), build packages and see the results change,
run sweeps in the background, and open a report.

It listens on loopback only unless --addr names another interface; then it
makes a random access token, prints the address with it, and refuses every
request without it (the browser keeps it as a cookie). It answers
only to loopback names and the host of --addr (add others with --allow-host),
refuses requests from other web sites and being framed by them, and runs at
most a few models at once (more get 429).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if st, err := os.Stat(dir); err != nil || !st.IsDir() {
				return fmt.Errorf("scenario folder %s not found (use --dir)", dir)
			}
			host, _, err := net.SplitHostPort(addr)
			if err != nil {
				return fmt.Errorf("--addr %q: %w", addr, err)
			}
			s := &web.Server{Dir: dir, DBPath: db, Version: version(), Log: slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), nil)), Hosts: hosts}
			query := ""
			if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
				if s.Token, err = web.NewToken(); err != nil {
					return fmt.Errorf("cannot make an access token: %w", err)
				}
				query = "?token=" + s.Token
				fmt.Fprintf(cmd.ErrOrStderr(), "warning: listening on %s, not loopback: every request needs the token in the address below\n", addr)
			}
			return s.Serve(cmd.Context(), addr, func(a string) {
				fmt.Fprintf(cmd.OutOrStdout(), "deter workbench on http://%s/%s (scenarios in %s); Ctrl-C to stop\n", a, query, dir)
			})
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on")
	cmd.Flags().StringVar(&dir, "dir", "scenarios", "folder of scenario files")
	cmd.Flags().StringVar(&db, "db", "deter-web.sweep.db", "SQLite database for sweeps")
	cmd.Flags().StringSliceVar(&hosts, "allow-host", nil, "another host name the workbench answers to (e.g. the machine's name when --addr is not loopback)")
	return cmd
}
