#!/usr/bin/env bash
# Serve the demo as it runs in an office: the web server, the task worker (sends queued mail) and the
# periodic sweep (publication, deadline warnings, overdue closing) every five minutes. Ctrl-C stops all three.
set -uo pipefail
BIN=${BIN:-.venv/bin}
HOST=${1:-127.0.0.1}
PORT=${2:-8000}
LOG_DIR=${GONGKAI_VAR_DIR:-var}
mkdir -p "$LOG_DIR"
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; }
trap cleanup EXIT INT TERM
"$BIN/python" manage.py task_worker --interval 5 >>"$LOG_DIR/worker.log" 2>&1 &
pids+=($!)
( while true; do "$BIN/python" manage.py sweep >>"$LOG_DIR/sweep.log" 2>&1; sleep 300; done ) &
pids+=($!)
echo "任务队列和定时巡检已在后台运行（日志：$LOG_DIR/worker.log、$LOG_DIR/sweep.log）。"
"$BIN/python" manage.py runserver "$HOST:$PORT"
