"""Unit tests of the pure parts of the page benchmarks: wrk parsing, ratios, nginx.conf, URL choice.

No server is started here; the end-to-end run is `make bench-smoke`.
"""

import pytest

from bench import pages, servers

# wrk 4.1.0 output with --latency (Debian bookworm), latencies in microseconds and milliseconds.
WRK_FAST = """\
Running 10s test @ http://127.0.0.1:41234/home.html
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   412.31us  301.17us   9.87ms   93.12%
    Req/Sec    40.12k     2.01k   43.90k    71.00%
  Latency Distribution
     50%  355.00us
     75%  452.00us
     90%  601.00us
     99%    1.84ms
  399321 requests in 10.00s, 3.01GB read
Requests/sec:  39929.87
Transfer/sec:    308.04MB
"""

# A slow server: seconds in the distribution, socket errors and error responses.
WRK_SLOW = """\
Running 10s test @ http://127.0.0.1:8000/xxgk/search/?q=x
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   812.52ms  301.17ms   2.10s    68.00%
    Req/Sec    20.50      8.01    40.00     60.00%
  Latency Distribution
     50%  790.00ms
     75%  950.10ms
     90%    1.20s
     99%    2.05s
  198 requests in 10.01s, 3.52MB read
  Socket errors: connect 0, read 3, write 0, timeout 2
  Non-2xx or 3xx responses: 7
Requests/sec:     19.78
Transfer/sec:    360.12KB
"""


def test_parse_wrk_microseconds_and_milliseconds():
    result = servers.parse_wrk(WRK_FAST)
    assert result["rps"] == pytest.approx(39929.87)
    assert result["p50_ms"] == pytest.approx(0.355)
    assert result["p75_ms"] == pytest.approx(0.452)
    assert result["p90_ms"] == pytest.approx(0.601)
    assert result["p99_ms"] == pytest.approx(1.84)
    assert result["requests"] == 399321
    assert result["seconds"] == pytest.approx(10.0)
    assert result["non_2xx"] == 0
    assert result["socket_errors"] == {}


def test_parse_wrk_seconds_errors_and_bad_responses():
    result = servers.parse_wrk(WRK_SLOW)
    assert result["rps"] == pytest.approx(19.78)
    assert result["p50_ms"] == pytest.approx(790.0)
    assert result["p90_ms"] == pytest.approx(1200.0)
    assert result["p99_ms"] == pytest.approx(2050.0)
    assert result["requests"] == 198
    assert result["socket_errors"] == {"connect": 0, "read": 3, "write": 0, "timeout": 2}
    assert result["non_2xx"] == 7


def test_parse_wrk_refuses_a_report_without_latency_distribution():
    without = WRK_FAST.split("  Latency Distribution")[0] + "Requests/sec:  100.00\n"
    with pytest.raises(ValueError, match="50%"):
        servers.parse_wrk(without)


def test_parse_wrk_refuses_output_that_is_not_a_report():
    with pytest.raises(ValueError, match="Requests/sec"):
        servers.parse_wrk("unable to connect to 127.0.0.1:1 Connection refused\n")


@pytest.mark.parametrize(("text", "ms"), [
    ("812.00us", 0.812), ("3.21ms", 3.21), ("1.02s", 1020.0), ("1.50m", 90_000.0), ("0.50h", 1_800_000.0),
])
def test_parse_time_units(text, ms):
    assert servers.parse_time_ms(text) == pytest.approx(ms)


def test_parse_time_refuses_unknown_units():
    with pytest.raises(ValueError):
        servers.parse_time_ms("3.21ns")


def test_wrk_argv_one_thread_latency_and_script():
    argv = servers.wrk_argv("http://127.0.0.1:9/x", duration=10, connections=16, script="/tmp/s.lua")
    assert argv[:6] == ["wrk", "-t1", "-c16", "-d10s", "--timeout=10s", "--latency"]
    assert argv[-3:] == ["-s", "/tmp/s.lua", "http://127.0.0.1:9/x"]


def test_ratios():
    assert pages.ratio({"rps": 400.0}, {"rps": 1000.0}) == pytest.approx(0.4)
    assert pages.ratio({"rps": 400.0}, {"rps": 0.0}) is None
    assert pages.ratio({"rps": 400.0}, None) is None


def test_nginx_conf_is_self_contained(tmp_path):
    prefix = tmp_path / "nginx"
    conf = servers.nginx_conf(root_dir=tmp_path / "pages", port=18080, prefix=prefix, workers=2)
    assert "worker_processes 2;" in conf
    assert "daemon off;" in conf
    assert "listen 127.0.0.1:18080;" in conf
    assert f"root {(tmp_path / 'pages').resolve()};" in conf
    assert f"pid {prefix / 'nginx.pid'};" in conf
    assert "access_log off;" in conf
    # Every file nginx writes is under the prefix, never in /var/log or /var/lib/nginx.
    for directive in ("error_log", "client_body_temp_path", "proxy_temp_path", "fastcgi_temp_path",
                      "uwsgi_temp_path", "scgi_temp_path"):
        line = next(line for line in conf.splitlines() if line.strip().startswith(directive + " "))
        assert str(prefix) in line
    assert "user " not in conf
    assert conf.count("{") == conf.count("}")


def test_nginx_conf_names_a_user_when_started_as_root(tmp_path):
    conf = servers.nginx_conf(root_dir=tmp_path, port=1, prefix=tmp_path, workers=1, user="alice")
    assert conf.splitlines()[0] == "user alice;"
    assert "worker_processes 1;" in conf


def test_production_environ(monkeypatch):
    monkeypatch.setenv("GONGKAI_DEBUG", "1")
    environ = servers.production_environ("/tmp/x.sqlite3", pages_dir="/tmp/pages")
    assert environ["GONGKAI_PRODUCTION"] == "1"
    assert environ["GONGKAI_DEBUG"] == "0"
    assert len(environ["GONGKAI_SECRET_KEY"]) == 50
    assert environ["GONGKAI_ALLOWED_HOSTS"] == "127.0.0.1"
    assert environ["DJANGO_SETTINGS_MODULE"] == "bench.floor_settings"
    assert environ["GONGKAI_SQLITE_PATH"] == "/tmp/x.sqlite3"
    assert environ["BENCH_PAGES_DIR"] == "/tmp/pages"
    from cryptography.fernet import Fernet

    Fernet(environ["GONGKAI_FIELD_KEY"].encode())  # a valid key, or this raises
    again = servers.production_environ("postgres://u@127.0.0.1:5432/db")
    assert again["GONGKAI_SECRET_KEY"] != environ["GONGKAI_SECRET_KEY"]
    assert again["DATABASE_URL"] == "postgres://u@127.0.0.1:5432/db"
    assert "GONGKAI_SQLITE_PATH" not in again


def test_catalogue_choice_takes_page_500_of_the_largest_category():
    choice = pages.catalogue_choice({"art20-1": 30_000, "art20-6": 12_000}, per_page=20)
    assert choice == {"category": "art20-1", "records": 30_000, "pages": 1500, "page": 500}


def test_catalogue_choice_takes_the_deepest_page_of_a_small_dataset():
    choice = pages.catalogue_choice({"art20-6": 123, "art20-13": 61}, per_page=20)
    assert choice == {"category": "art20-6", "records": 123, "pages": 7, "page": 7}


def test_catalogue_choice_refuses_an_empty_dataset():
    with pytest.raises(servers.BenchError):
        pages.catalogue_choice({}, per_page=20)


def test_search_paths_fill_in_the_filters_and_encode():
    mix = ({"q": "食品 安全"}, {"q": "抽查", "year": "{year}", "category": "{category}"})
    paths = pages.search_paths({"year": "2024", "category": "art20-6"}, mix=mix)
    assert paths == [
        "/xxgk/search/?q=%E9%A3%9F%E5%93%81+%E5%AE%89%E5%85%A8",
        "/xxgk/search/?q=%E6%8A%BD%E6%9F%A5&year=2024&category=art20-6",
    ]


def test_query_mix_has_twenty_queries_of_one_to_six_characters_and_filters():
    assert len(pages.QUERY_MIX) == 20
    lengths = {len(query["q"].replace(" ", "")) for query in pages.QUERY_MIX}
    assert min(lengths) == 1 and max(lengths) <= 6
    assert any(set(query) - {"q"} for query in pages.QUERY_MIX)


def test_lua_script_cycles_through_every_path():
    script = pages.lua_script(["/a?q=%E7%8E%8B", "/b"])
    assert '"/a?q=%E7%8E%8B"' in script and '"/b"' in script
    assert "i = i % #paths + 1" in script
    with pytest.raises(ValueError):
        pages.lua_script(['/a?q="x"'])


def test_floor_reads_saved_pages_once(tmp_path, monkeypatch):
    from bench import floor

    monkeypatch.setenv(floor.PAGES_DIR_ENV, str(tmp_path))
    monkeypatch.setattr(floor, "_pages", {})
    (tmp_path / "home.html").write_bytes("<p>首页</p>".encode())
    assert floor.page_bytes("home") == "<p>首页</p>".encode()
    (tmp_path / "home.html").write_bytes(b"changed")
    assert floor.page_bytes("home") == "<p>首页</p>".encode()  # from memory
    assert floor.page_bytes("missing") is None
    assert floor.page_bytes("../etc/passwd") is None
