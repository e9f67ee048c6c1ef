"""The URL fetcher refuses every way a URL could reach inside the desk's network, and fetches real pages.

Pages come from a real HTTP server on 127.0.0.1 (tests/news_server.py), which
the tests allow through FACTCHECK_FETCH_ALLOWED_NETWORKS. Host names that
resolve to private addresses are simulated by answering the DNS lookup
ourselves: the refusal must come before any connection, so nothing is ever
sent to those addresses.
"""

import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
import time
from contextlib import suppress

import pytest

from factcheck import fetching
from factcheck.fetching import NotAWebAddress, RefusedURL, fetch_page, refusal_for
from tests.news_server import base_url, serve


@pytest.fixture
def server():
    with serve() as running:
        yield running


@pytest.fixture(autouse=True)
def fetch_limits(settings):
    settings.FACTCHECK_FETCH_ALLOWED_NETWORKS = ["127.0.0.1"]
    settings.FACTCHECK_FETCH_TIMEOUT = 1
    settings.FACTCHECK_FETCH_TOTAL_SECONDS = 2
    settings.FACTCHECK_FETCH_MAX_BYTES = 1024 * 1024


@pytest.fixture
def dns(monkeypatch):
    """Answer lookups of *.example names from a table; fail the test if a connection is attempted."""
    table = {}
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in table:
            family = socket.AF_INET6 if ":" in table[host][0] else socket.AF_INET
            return [(family, socket.SOCK_STREAM, 6, "", (address, port)) for address in table[host]]
        return real_getaddrinfo(host, port, *args, **kwargs)

    def no_connection(*args, **kwargs):
        raise AssertionError("a refused address was connected to")

    monkeypatch.setattr(fetching.socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(fetching, "_pool", no_connection)
    return table


def test_a_news_page_on_an_allowed_test_host_is_fetched(server):
    page = fetch_page(f"{base_url(server)}/pages/herald_budget_guardian_style.html")
    assert b"Carter defends spring budget" in page.body
    assert page.charset == "utf-8"


def test_the_same_page_is_refused_when_loopback_is_not_allowed(server, settings):
    settings.FACTCHECK_FETCH_ALLOWED_NETWORKS = []
    with pytest.raises(RefusedURL, match="loopback"):
        fetch_page(f"{base_url(server)}/pages/herald_budget_guardian_style.html")
    assert server.requests == []


def test_localhost_is_refused_after_resolving_it(server, settings):
    settings.FACTCHECK_FETCH_ALLOWED_NETWORKS = []
    with pytest.raises(RefusedURL, match=r"localhost resolves to (127\.0\.0\.1|::1), which is a loopback address"):
        fetch_page(f"http://localhost:{server.server_address[1]}/pages/herald_budget_guardian_style.html")
    assert server.requests == []


@pytest.mark.parametrize(
    ("host", "addresses", "refusal"),
    [
        ("intranet.example", ["10.1.2.3"], "private network address"),
        ("router.example", ["192.168.0.1"], "private network address"),
        ("db.example", ["172.16.5.4"], "private network address"),
        ("metadata.example", ["169.254.169.254"], "cloud metadata address"),
        ("printer.example", ["169.254.10.1"], "link-local address"),
        ("cgnat.example", ["100.64.0.1"], "not a public internet address"),
        ("v6-local.example", ["fe80::1"], "link-local address"),
        ("v6-private.example", ["fd12:3456::1"], "private network address"),
        ("mapped.example", ["::ffff:10.0.0.1"], "private network address"),
        ("zero.example", ["0.0.0.0"], "unspecified address"),
        # A public first answer does not excuse a private second one (DNS rebinding).
        ("rebind.example", ["93.184.216.34", "10.0.0.7"], "private network address"),
    ],
)
def test_a_host_name_resolving_to_a_non_public_address_is_refused_before_connecting(dns, host, addresses, refusal):
    dns[host] = addresses
    with pytest.raises(RefusedURL, match=refusal):
        fetch_page(f"https://{host}/news/story.html")


@pytest.mark.parametrize(
    "url", ["http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://127.1/", "http://2130706433/"]
)
def test_a_literal_non_public_address_is_refused(url, settings):
    settings.FACTCHECK_FETCH_ALLOWED_NETWORKS = []
    with pytest.raises(RefusedURL, match="address"):
        fetch_page(url)


def test_a_public_address_passes_the_check():
    assert refusal_for(ipaddress.ip_address("93.184.216.34")) is None
    assert refusal_for(ipaddress.ip_address("2606:2800:220:1:248:1893:25c8:1946")) is None


@pytest.mark.parametrize(
    ("target", "refusal"),
    [
        ("http://169.254.169.254/latest/meta-data/iam/", "cloud metadata address"),
        ("http://[::1]:9/", "loopback address"),
        ("http://10.0.0.5/admin", "private network address"),
        ("file:///etc/passwd", "only http:// and https://"),
        ("gopher://127.0.0.1:6379/_INFO", "only http:// and https://"),
    ],
)
def test_a_redirect_to_a_refused_address_or_scheme_is_refused(server, target, refusal):
    with pytest.raises(RefusedURL, match=refusal):
        fetch_page(f"{base_url(server)}/redirect?to={target}")
    assert len(server.requests) == 1, "only the redirecting page was asked for"


def test_a_redirect_to_an_allowed_page_is_followed(server):
    page = fetch_page(f"{base_url(server)}/redirect?to=/pages/lantern_magazine_trademark.html")
    assert page.url.endswith("/pages/lantern_magazine_trademark.html")
    assert b"The mayor promised 10,000 trees" in page.body


def test_endless_redirects_are_refused(server):
    with pytest.raises(RefusedURL, match="more than 5 redirects"):
        fetch_page(f"{base_url(server)}/loop")


@pytest.mark.parametrize("url", ["ftp://example.org/story.html", "file:///etc/passwd"])
def test_a_non_http_address_is_refused(url):
    with pytest.raises(RefusedURL, match="only http:// and https://"):
        fetch_page(url)


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,<p>hi</p>", "story", "www.example.org/story", "://example.org/"]
)
def test_what_is_no_web_address_at_all_is_refused_saying_what_to_give(url):
    with pytest.raises(NotAWebAddress, match=r"^not a web address: give a full address starting with https://$"):
        fetch_page(url)


def test_an_address_with_a_password_is_refused():
    with pytest.raises(RefusedURL, match="user name or password"):
        fetch_page("https://editor:secret@news.example/story.html")


def test_a_page_over_the_size_limit_is_refused_by_its_content_length(server):
    with pytest.raises(RefusedURL, match=r"too large \(3,145,741 bytes; the limit is 1,048,576\)"):
        fetch_page(f"{base_url(server)}/huge")


def test_a_page_over_the_size_limit_is_refused_as_it_streams_in(server):
    with pytest.raises(RefusedURL, match="too large"):
        fetch_page(f"{base_url(server)}/endless")


@pytest.mark.parametrize(("path", "found"), [("/json", "application/json"), ("/untyped", "not given")])
def test_an_answer_that_is_not_a_web_page_is_refused(server, path, found):
    with pytest.raises(RefusedURL, match=f"neither a web page nor a transcript \\(its content type is {found}\\)"):
        fetch_page(f"{base_url(server)}{path}")


def test_a_server_slow_to_answer_is_refused(server):
    with pytest.raises(RefusedURL, match="did not answer within 1 seconds"):
        fetch_page(f"{base_url(server)}/slow")


def test_a_server_that_trickles_the_page_is_refused(server):
    with pytest.raises(RefusedURL, match="too slow"):
        fetch_page(f"{base_url(server)}/trickle")


def test_a_missing_page_is_refused_with_the_servers_answer(server):
    with pytest.raises(RefusedURL, match="answered 404"):
        fetch_page(f"{base_url(server)}/gone")


@pytest.fixture
def dripping_tls_server():
    """A TCP server on 127.0.0.1 that starts a TLS record and then sends one byte every 0.2 s, for ever."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve_one() -> None:
        with suppress(OSError):
            connection, _ = listener.accept()
            with connection:
                connection.sendall(b"\x16\x03\x03\x40\x00")  # a handshake record of 16 KiB is coming…
                while not stop.wait(0.2):
                    connection.sendall(b"\x00")  # …one byte at a time

    thread = threading.Thread(target=serve_one, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{listener.getsockname()[1]}/story.html"
    stop.set()
    listener.close()


def fetch_timed(url: str) -> tuple[str, float]:
    """The refusal's message and how many seconds the fetch took before it."""
    started = time.monotonic()
    with pytest.raises(RefusedURL) as refusal:
        fetch_page(url)
    return str(refusal.value), time.monotonic() - started


@pytest.mark.parametrize("every", [0.2, 0.5, 1.0])
def test_a_server_sending_the_page_a_byte_at_a_time_is_cut_off_at_the_total_deadline(server, settings, every):
    settings.FACTCHECK_FETCH_TIMEOUT = 5  # no single read waits this long: only the total can stop it
    settings.FACTCHECK_FETCH_TOTAL_SECONDS = 3
    message, took = fetch_timed(f"{base_url(server)}/drip?every={every}")
    assert message == "127.0.0.1 was too slow: the page took more than 3 seconds to arrive"
    assert 2 <= took <= 4


def test_a_server_sending_its_headers_a_byte_at_a_time_is_cut_off_at_the_total_deadline(server, settings):
    settings.FACTCHECK_FETCH_TIMEOUT = 5
    settings.FACTCHECK_FETCH_TOTAL_SECONDS = 3
    message, took = fetch_timed(f"{base_url(server)}/drip-headers?every=0.2")
    assert message == "127.0.0.1 was too slow: the page took more than 3 seconds to arrive"
    assert 2 <= took <= 4


def test_slow_redirects_share_one_deadline(server, settings):
    settings.FACTCHECK_FETCH_TIMEOUT = 5
    settings.FACTCHECK_FETCH_TOTAL_SECONDS = 3
    message, took = fetch_timed(f"{base_url(server)}/slow-redirect?hops=5")
    assert "too slow: the page took more than 3 seconds" in message
    assert 2 <= took <= 4


def test_a_tls_handshake_sent_a_byte_at_a_time_is_cut_off_at_the_total_deadline(dripping_tls_server, settings):
    settings.FACTCHECK_FETCH_TIMEOUT = 5
    settings.FACTCHECK_FETCH_TOTAL_SECONDS = 3
    message, took = fetch_timed(dripping_tls_server)
    assert message == "127.0.0.1 was too slow: the page took more than 3 seconds to arrive"
    assert 2 <= took <= 4


def test_a_name_server_slower_than_the_deadline_is_given_up(monkeypatch, settings):
    settings.FACTCHECK_FETCH_TOTAL_SECONDS = 2

    def slow_getaddrinfo(host, port, *args, **kwargs):
        time.sleep(6)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.1", port))]  # refused, were it ever read

    monkeypatch.setattr(fetching.socket, "getaddrinfo", slow_getaddrinfo)
    message, took = fetch_timed("https://slow-dns.example/story.html")
    assert message == "slow-dns.example was too slow: the page took more than 2 seconds to arrive"
    assert 1 <= took <= 3


@pytest.fixture
def tls_server(tmp_path, monkeypatch):
    """The news server over HTTPS for "localhost", with a certificate made for the test and trusted by the fetcher."""
    if not shutil.which("openssl"):
        pytest.skip("needs the openssl command to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-keyout", key, "-out", cert),
            *("-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"),
        ],
        check=True,
        capture_output=True,
    )
    monkeypatch.setattr(fetching.certifi, "where", lambda: str(cert))
    with serve() as running:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        running.socket = context.wrap_socket(running.socket, server_side=True)
        yield f"https://localhost:{running.server_address[1]}"


def test_an_https_page_is_fetched_and_verified_through_the_deadline(tls_server, settings):
    page = fetch_page(f"{tls_server}/pages/herald_budget_guardian_style.html")
    assert b"Carter defends spring budget" in page.body
    settings.FACTCHECK_FETCH_TIMEOUT = 5
    settings.FACTCHECK_FETCH_TOTAL_SECONDS = 3
    message, took = fetch_timed(f"{tls_server}/drip?every=0.2")
    assert message == "localhost was too slow: the page took more than 3 seconds to arrive"
    assert 2 <= took <= 4
