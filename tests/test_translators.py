"""The engines against servers on 127.0.0.1 that speak their APIs: LibreTranslate (our
client), DeepL (DeepL's client), Google and MyMemory (deep-translator on our sessions).

What is checked: where the key travels and that no error or output carries it or the
text; retries of timeouts, 429 and 5xx, with Retry-After in seconds and as an HTTP date;
the request counts and waits; language codes as each API wants them; that nothing
outside an adapter's own session is changed; ``--engine`` listing what is installed.
"""

from __future__ import annotations

import importlib.util
import itertools
import logging
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from deep_translator import GoogleTranslator

import newslib
from newslib.errors import (
    TranslatorError,
    TranslatorHTTPError,
    TranslatorResponseError,
    TranslatorTimeout,
    TranslatorUnavailable,
    TranslatorUnreachable,
    UnknownEngineError,
    UsageError,
)
from newslib.translators.deepl import deepl_languages

from .support.deep_servers import deep_server
from .support.deepl_server import DeepLServer, deepl_server
from .support.libre_server import LibreServer, libre_server
from .support.paths import CONTENT, ROOT, SEED_ID

KEY = "sekret-123"
STORY = ["Talks in Sukhumi resumed on Tuesday.", "Переговоры в Цхинвале продолжатся."]
FAST = {"backoff": 0.01, "timeout": 0.25}


def tagged(text: str, source: str, target: str) -> str:
    return f"[{target}] {text}"


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def assert_clean(message: str) -> None:
    assert KEY not in message
    assert not any(text in message or text[:20] in message for text in STORY), message


def gaps(server: LibreServer | DeepLServer, path: str) -> list[float]:
    times = [r.at for r in server.calls(path)]
    return [later - earlier for earlier, later in itertools.pairwise(times)]


@pytest.fixture
def libre(monkeypatch: pytest.MonkeyPatch) -> Iterator[LibreServer]:
    monkeypatch.setenv("LIBRETRANSLATE_API_KEY", KEY)
    with libre_server(tagged, keys=frozenset({KEY})) as server:
        server.stall = 0.6
        yield server


class TestLibre:
    def test_the_key_and_text_travel_in_the_json_body_only(self, libre: LibreServer) -> None:
        out = newslib.get_translator("libre", url=libre.url).translate(
            STORY, source="en", target="ru"
        )
        assert out == [f"[ru] {t}" for t in STORY]
        [sent] = libre.requests
        assert sent.method == "POST" and sent.path == "/translate" and sent.query == ""
        assert sent.headers["Content-Type"] == "application/json"
        assert sent.fields == {"q": STORY, "source": "en", "target": "ru", "format": "text",
                               "api_key": KEY}  # fmt: skip
        assert KEY not in str(sent.headers)

    @pytest.mark.parametrize(
        ("script", "keys", "error"),
        [
            (["500:echo"] * 3, {KEY}, TranslatorHTTPError),
            (["stall"] * 3, {KEY}, TranslatorTimeout),
            (["malformed"], {KEY}, TranslatorResponseError),
            ([], {"another-key"}, TranslatorHTTPError),
        ],
    )
    def test_no_error_names_the_key_or_the_text(
        self,
        monkeypatch: pytest.MonkeyPatch,
        script: list[str],
        keys: set[str],
        error: type[TranslatorError],
    ) -> None:
        monkeypatch.setenv("LIBRETRANSLATE_API_KEY", KEY)
        with libre_server(tagged, keys=frozenset(keys)) as server:
            server.stall = 0.6
            server.script.extend(script)
            translator = newslib.get_translator("libre", url=server.url, retries=2, **FAST)
            with pytest.raises(error) as caught:
                translator.translate(STORY, source="en", target="ru")
        assert_clean(str(caught.value))
        if keys != {KEY}:
            assert caught.value.status == 403  # type: ignore[attr-defined]
            assert "check LIBRETRANSLATE_API_KEY" in str(caught.value)

    def test_an_unreachable_server(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("LIBRETRANSLATE_API_KEY", KEY)
        url = closed_port_url()
        translator = newslib.get_translator("libre", url=url, retries=1, **FAST)
        with pytest.raises(TranslatorUnreachable, match=r"cannot connect to 127\.0\.0\.1:\d+ "
                           r"\(asked 2 times\); check --url") as caught:  # fmt: skip
            translator.translate(STORY, source="en", target="ru")
        assert_clean(str(caught.value))

    def test_a_server_that_wants_a_key_says_which_variable(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delenv("LIBRETRANSLATE_API_KEY", raising=False)
        with libre_server(tagged, keys=frozenset({KEY})) as server:
            with pytest.raises(TranslatorHTTPError, match="set LIBRETRANSLATE_API_KEY") as caught:
                newslib.get_translator("libre", url=server.url).translate(
                    ["Hi."], source="en", target="de"
                )
            assert "api_key" not in server.requests[0].fields
        assert caught.value.status == 400

    def test_a_stalled_request_is_asked_again(self, libre: LibreServer) -> None:
        libre.script.append("stall")
        started = time.monotonic()
        translator = newslib.get_translator("libre", url=libre.url, **FAST)
        assert translator.translate(["Hi."], source="en", target="de") == ["[de] Hi."]
        assert len(libre.requests) == 2
        assert 0.25 <= time.monotonic() - started < 0.6  # one timeout, then the answer

    def test_retry_after_in_seconds_is_waited_for(self, libre: LibreServer) -> None:
        libre.script.append("429:1")
        translator = newslib.get_translator("libre", url=libre.url, backoff=0.01)
        assert translator.translate(["Hi."], source="en", target="de") == ["[de] Hi."]
        [gap] = gaps(libre, "/translate")
        assert 0.95 <= gap < 1.5

    @pytest.mark.parametrize("action", ["429:date", "429:30"])
    def test_retry_after_as_a_date_or_seconds_is_capped(
        self, libre: LibreServer, action: str
    ) -> None:
        libre.script.extend([action, "429"])
        translator = newslib.get_translator("libre", url=libre.url, backoff=0.01, max_wait=0.3)
        assert translator.translate(["Hi."], source="en", target="de") == ["[de] Hi."]
        honoured, backed_off = gaps(libre, "/translate")
        assert 0.29 <= honoured < 0.6  # the header was read (2 s or 30 s ahead), then capped
        assert backed_off < 0.2  # without the header: backoff only

    def test_retries_are_bounded_and_the_error_says_how_many(self, libre: LibreServer) -> None:
        libre.script.extend(["500"] * 9)
        translator = newslib.get_translator("libre", url=libre.url, retries=3, backoff=0.01)
        with pytest.raises(TranslatorHTTPError, match=r"HTTP 500: .*\(asked 4 times\)"):
            translator.translate(["Hi."], source="en", target="de")
        assert len(libre.requests) == 4

    def test_batches_and_work_done_before_a_failure(self, libre: LibreServer) -> None:
        texts = [f"Sentence {n}." for n in range(30)]
        libre.script.extend(["ok", "500", "500"])
        translator = newslib.get_translator("libre", url=libre.url, retries=1, backoff=0.01)
        with pytest.raises(TranslatorHTTPError) as caught:
            translator.translate(texts, source="en", target="fr")
        assert [len(r.fields["q"]) for r in libre.requests] == [25, 5, 5]
        assert caught.value.translated == {n: f"[fr] Sentence {n}." for n in range(25)}
        assert translator.translate(texts, source="en", target="fr")[29] == "[fr] Sentence 29."

    def test_one_text_for_a_batch_is_a_broken_answer(self, libre: LibreServer) -> None:
        libre.script.append("single")
        with pytest.raises(TranslatorResponseError, match="one text for a batch"):
            newslib.get_translator("libre", url=libre.url).translate(
                ["A.", "B."], source="en", target="de"
            )

    def test_bad_settings_are_one_clear_error(self) -> None:
        with pytest.raises(UsageError, match="retries from 0 to 20"):
            newslib.get_translator("libre", retries=-1)


@pytest.fixture
def deepl(monkeypatch: pytest.MonkeyPatch) -> Iterator[DeepLServer]:
    monkeypatch.setenv("DEEPL_AUTH_KEY", KEY)
    with deepl_server(tagged, key=KEY) as server:
        server.stall = 0.6
        yield server


def deepl_translator(server: DeepLServer, **options: float) -> newslib.Translator:
    return newslib.get_translator("deepl", url=server.url, **{**FAST, **options})


class TestDeepL:
    def test_through_deepl_s_client(self, deepl: DeepLServer) -> None:
        out = deepl_translator(deepl).translate(STORY, source="ru", target="en")
        assert out == [f"[EN-GB] {t}" for t in STORY]
        [sent] = deepl.requests
        assert sent.path == "/v2/translate" and sent.query == ""
        assert sent.headers["Authorization"] == f"DeepL-Auth-Key {KEY}"
        assert sent.fields["text"] == STORY
        assert (sent.fields["source_lang"], sent.fields["target_lang"]) == ("RU", "EN-GB")
        assert KEY not in sent.body

    @pytest.mark.parametrize(
        ("source", "target", "sent"),
        [
            ("en", "de", ("EN", "DE")),
            ("de", "en-US", ("DE", "EN-US")),
            ("fr", "pt", ("FR", "PT-PT")),
            ("en-GB", "pt-BR", ("EN", "PT-BR")),
            ("ru", "zh-TW", ("RU", "ZH-HANT")),
            ("uk", "zh", ("UK", "ZH-HANS")),
            ("en", "ar", ("EN", "AR")),
        ],
    )
    def test_language_codes_as_deepl_wants_them(
        self, deepl: DeepLServer, source: str, target: str, sent: tuple[str, str]
    ) -> None:
        assert deepl_languages(source, target) == sent
        [out] = deepl_translator(deepl).translate(["Hello."], source=source, target=target)
        assert out == f"[{sent[1]}] Hello."

    def test_a_language_deepl_lacks(self, deepl: DeepLServer) -> None:
        with pytest.raises(TranslatorUnavailable, match=r"does not translate 'en' to 'ka'"):
            deepl_translator(deepl).translate(["Hello."], source="en", target="ka")

    def test_a_refused_key(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("DEEPL_AUTH_KEY", KEY)
        with deepl_server(tagged, key="the-right-key") as server:
            with pytest.raises(TranslatorHTTPError, match="check DEEPL_AUTH_KEY") as caught:
                deepl_translator(server).translate(STORY, source="en", target="de")
            assert len(server.requests) == 1
        assert caught.value.status == 403
        assert_clean(str(caught.value))

    def test_no_key(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.delenv("DEEPL_AUTH_KEY", raising=False)
        with pytest.raises(TranslatorUnavailable, match="set DEEPL_AUTH_KEY"):
            newslib.get_translator("deepl")

    def test_quota_exceeded_is_not_retried(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("DEEPL_AUTH_KEY", KEY)
        with deepl_server(tagged, key=KEY, character_limit=40) as server:
            translator = deepl_translator(server)
            assert translator.translate(STORY[:1], source="en", target="de")
            with pytest.raises(TranslatorHTTPError, match="quota") as caught:
                translator.translate(STORY[1:], source="ru", target="de")
            assert len(server.calls("/v2/translate")) == 2
        assert caught.value.status == 456

    def test_429_and_5xx_are_retried_with_the_client_s_backoff(self, deepl: DeepLServer) -> None:
        deepl.script.extend(["429", "503", "500"])
        assert deepl_translator(deepl, retries=3).translate(["Hi."], source="en", target="de")
        assert len(deepl.requests) == 4
        assert all(gap < 0.2 for gap in gaps(deepl, "/v2/translate"))  # backoff 0.01 s × 1.6ⁿ

    def test_a_stalled_request_is_asked_again(self, deepl: DeepLServer) -> None:
        deepl.script.append("stall")
        started = time.monotonic()
        assert deepl_translator(deepl).translate(["Hi."], source="en", target="de") == ["[DE] Hi."]
        assert len(deepl.requests) == 2 and time.monotonic() - started < 0.6

    def test_timeouts_after_the_retries(self, deepl: DeepLServer) -> None:
        deepl.script.extend(["stall"] * 3)
        with pytest.raises(TranslatorTimeout, match=r"within 0\.25 s \(asked 3 times") as caught:
            deepl_translator(deepl, retries=2).translate(STORY, source="en", target="de")
        assert len(deepl.requests) == 3
        assert_clean(str(caught.value))

    def test_an_echoing_error_is_scrubbed(self, deepl: DeepLServer) -> None:
        deepl.script.extend(["500:echo"] * 2)
        with pytest.raises(TranslatorHTTPError) as caught:
            deepl_translator(deepl, retries=1).translate(STORY, source="en", target="de")
        assert caught.value.status == 500
        assert_clean(str(caught.value))

    def test_the_client_s_settings_are_put_back(self, deepl: DeepLServer) -> None:
        from deepl import http_client

        before = (http_client.min_connection_timeout, http_client.max_network_retries,
                  http_client._BackoffTimer.BACKOFF_INITIAL)  # fmt: skip
        deepl_translator(deepl).translate(["Hi."], source="en", target="de")
        assert before == (http_client.min_connection_timeout, http_client.max_network_retries,
                          http_client._BackoffTimer.BACKOFF_INITIAL)  # fmt: skip

    def test_an_unreachable_server(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("DEEPL_AUTH_KEY", KEY)
        translator = newslib.get_translator("deepl", url=closed_port_url(), retries=1, **FAST)
        with pytest.raises(TranslatorUnreachable, match=r"asked 2 times"):
            translator.translate(["Hi."], source="en", target="de")


class TestDeepTranslator:
    @pytest.mark.parametrize(
        ("engine", "sent"), [("google", ("en", "ru")), ("mymemory", ("en-GB", "ru-RU"))]
    )
    def test_through_deep_translator(self, engine: str, sent: tuple[str, str]) -> None:
        with deep_server(engine, tagged) as server:
            translator = newslib.get_translator(engine, url=server.url, **FAST)
            assert translator.translate(STORY, source="en", target="ru") == [
                f"[{sent[1]}] {t}" for t in STORY
            ]
        first = server.requests[0].fields
        assert first["q"] == STORY[0]
        if engine == "google":
            assert (first["sl"], first["tl"]) == sent
        else:
            assert first["langpair"] == "|".join(sent)

    @pytest.mark.parametrize("engine", ["google", "mymemory"])
    def test_stalls_and_429_are_retried_on_the_adapter_s_session(self, engine: str) -> None:
        with deep_server(engine, tagged) as server:
            server.stall = 0.6
            server.script.extend(["stall", "429", "500"])
            translator = newslib.get_translator(engine, url=server.url, **FAST)
            assert len(translator.translate(["Hi."], source="en", target="de")) == 1
            assert len(server.requests) == 4

    def test_http_errors_after_the_retries(self) -> None:
        with deep_server("google", tagged) as server:
            server.script.extend(["500"] * 3)
            translator = newslib.get_translator("google", url=server.url, retries=2, **FAST)
            with pytest.raises(TranslatorHTTPError, match=r"HTTP 500: asked 3 times") as caught:
                translator.translate(STORY, source="en", target="de")
        assert len(server.requests) == 3
        assert_clean(str(caught.value))

    def test_timeouts_name_no_text(self) -> None:
        with deep_server("mymemory", tagged) as server:
            server.stall = 0.6
            server.script.extend(["stall"] * 2)
            translator = newslib.get_translator("mymemory", url=server.url, retries=1, **FAST)
            with pytest.raises(TranslatorTimeout) as caught:
                translator.translate(STORY, source="en", target="ru")
        assert_clean(str(caught.value))

    def test_retry_logs_carry_no_text(self, caplog: pytest.LogCaptureFixture) -> None:
        """urllib3 logs each retry with the URL, where deep-translator puts the text."""
        with deep_server("google", tagged) as server:
            server.stall = 0.6
            server.script.extend(["stall", "500"])
            with caplog.at_level(logging.DEBUG, logger="urllib3.connectionpool"):
                newslib.get_translator("google", url=server.url, **FAST).translate(
                    STORY[:1], source="en", target="de"
                )
        assert "Retrying (" in caplog.text and "Retry: /?…" in caplog.text  # timeout, 500
        assert "Sukhumi" not in caplog.text

    def test_a_broken_answer(self) -> None:
        with deep_server("mymemory", tagged) as server:
            server.script.append("malformed")
            with pytest.raises(TranslatorResponseError):
                newslib.get_translator("mymemory", url=server.url).translate(
                    ["Hi."], source="en", target="de"
                )

    def test_a_language_google_lacks(self) -> None:
        with pytest.raises(TranslatorUnavailable, match="'os'"):
            newslib.get_translator("google").translate(["Hi."], source="en", target="os")

    def test_nothing_outside_the_adapter_changes(self) -> None:
        """requests itself, and deep-translator used by other code, keep their ways: no
        timeout, no retries — during an adapter's call (another thread) and after it."""
        session_request, plain_get, plain_post = (
            requests.Session.request,
            requests.get,
            requests.post,
        )
        with deep_server("google", tagged) as server:
            server.stall = 0.5
            server.script.extend(["stall", "500"])
            translator = newslib.get_translator("google", url=server.url, **FAST)
            plain: list[int] = []

            def elsewhere() -> None:  # runs while the adapter waits out its first timeout
                time.sleep(0.05)
                plain.append(requests.get(server.url, params={"q": "x"}).status_code)

            other = threading.Thread(target=elsewhere)
            other.start()
            assert translator.translate(["Hi."], source="en", target="de") == ["[de] Hi."]
            other.join()
            # The plain get took the scripted 500 as it was: no retry on its behalf.
            assert plain == [500]
            # After the adapter: a plain get waits out a stall (no timeout was added) ...
            server.script.append("stall")
            started = time.monotonic()
            assert requests.get(server.url, params={"q": "x"}).status_code == 200
            assert time.monotonic() - started >= 0.45
            # ... and deep-translator used directly does too.
            server.script.append("stall")
            direct = GoogleTranslator(source="en", target="fr")
            direct._base_url = server.url
            started = time.monotonic()
            assert direct.translate("Hi.") == "[fr] Hi."
            assert time.monotonic() - started >= 0.45
        assert requests.Session.request is session_request
        assert (requests.get, requests.post) == (plain_get, plain_post)


class TestRegistry:
    def test_engines_says_what_is_installed(self, monkeypatch: pytest.MonkeyPatch) -> None:
        assert set(newslib.engines()) == {"libre", "deepl", "google", "mymemory"}
        assert all(engine.available for engine in newslib.engines().values())
        real = importlib.util.find_spec
        monkeypatch.setattr(
            importlib.util, "find_spec", lambda name, *a: None if name == "deepl" else real(name)
        )
        assert not newslib.engines()["deepl"].available
        assert newslib.engines()["deepl"].missing == ("deepl",)
        with pytest.raises(UnknownEngineError) as caught:
            newslib.get_translator("babelfish")
        message = str(caught.value)
        assert "installed: libre, google, mymemory" in message
        assert "not installed: deepl (pip install 'newslib[translate]')" in message


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newslib", *args],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, **(env or {})},
    )  # fmt: skip


class TestCLI:
    @pytest.mark.parametrize(
        "argv",
        [
            ["translate", "--engine"],
            ["translate", "--engine", "list"],
            ["translate", SEED_ID, "--to", "ru", "--engine", "list"],
        ],
    )
    def test_engine_list(self, argv: list[str]) -> None:
        done = run(*argv)
        assert done.returncode == 0, done.stderr
        rows = {line.split()[0]: line for line in done.stdout.splitlines()}
        assert set(rows) == {"libre", "deepl", "google", "mymemory"}
        assert all(" installed " in row for row in rows.values())
        assert "DEEPL_AUTH_KEY" in rows["deepl"]

    def test_engine_list_names_the_missing_extra(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from newslib.cli import main

        real = importlib.util.find_spec
        monkeypatch.setattr(
            importlib.util, "find_spec", lambda name, *a: None if name == "deepl" else real(name)
        )
        with pytest.raises(SystemExit) as exited:
            main(["translate", "--engine", "list"])
        assert exited.value.code == 0
        [deepl_row] = [r for r in capsys.readouterr().out.splitlines() if r.startswith("deepl")]
        assert deepl_row.split()[1] == "missing"
        assert deepl_row.endswith("; pip install 'newslib[translate]'")

    def test_unknown_engine_lists_the_installed_ones(self) -> None:
        done = run("translate", SEED_ID, "--to", "ru", "--engine", "babelfish")
        assert done.returncode == 2
        assert "installed: libre, deepl, google, mymemory" in done.stderr

    @pytest.mark.parametrize("argv", [["--api-key", KEY], [f"--api-key={KEY}"], ["--api-key"]])
    def test_a_key_on_the_command_line_is_refused(self, argv: list[str]) -> None:
        done = run("translate", SEED_ID, "--to", "ru", *argv)
        assert done.returncode == 2
        assert "set LIBRETRANSLATE_API_KEY or DEEPL_AUTH_KEY in the environment" in done.stderr
        assert KEY not in done.stderr + done.stdout

    @pytest.mark.parametrize("engine", ["libre", "deepl"])
    def test_the_key_is_in_no_output(self, engine: str, tmp_path: Path) -> None:
        content = tmp_path / "content"
        shutil.copytree(CONTENT, content, ignore=shutil.ignore_patterns(".lock", "ar.yaml"))
        env = {"LIBRETRANSLATE_API_KEY": KEY, "DEEPL_AUTH_KEY": KEY}
        server_of = libre_server(tagged, keys=frozenset({KEY})) if engine == "libre" else (
            deepl_server(tagged, key=KEY))  # fmt: skip
        with server_of as server:
            server.script.extend(["500:echo"] * 2)
            done = run("--content", str(content), "translate", SEED_ID, "--to", "ar",
                       "--engine", engine, "--url", server.url, "--no-cache", "--retries", "1",
                       env=env)  # fmt: skip
        assert done.returncode == 2, done.stderr
        assert "HTTP 500" in done.stderr
        assert KEY not in done.stderr + done.stdout
