"""A scripted OpenAI-compatible server on 127.0.0.1 for tests (never a way to summarise).

It answers `/v1/chat/completions` from the request's own content, so every result can be traced to
the chunk that produced it: a map answer names the blocks it was shown, chooses the first quote
candidate marked in it and gives advice naming the longest word of the middle block. It refuses
schemas that OpenAI's strict mode would refuse, records every request, and plays scripted faults in
order.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import default
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from collections.abc import Callable

from summarizer.validation import model_schema, strict_problems

BLOCK_LINE = re.compile(r"^\[(\d+)(?: [\d:]+)?\](?: [^:]{1,40}:)? (.*)$", re.M)
SECTION_LINE = re.compile(r"^- blocks (\d+)-(\d+) ")
NUMBERED = re.compile(r"^(\d+)\. ", re.M)
TOPIC_STARTS = re.compile(r"^Topics start at blocks (.*)\.$", re.M)
QUOTE_CANDIDATES = re.compile(r"^Passages marked as quotes: (.*)\.$", re.M)
MARK = re.compile(r"«Q\d+» ")
TALK_TURNS = re.compile(r"The talk turns to ([^\n]*)")


@dataclass
class Fault:
    """One scripted misbehaviour, used for the next request instead of a good answer."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None  # raw answer content to send with status 200
    finish_reason: str = "stop"
    drop: bool = False  # close the connection without answering
    delay: float = 0.0
    mutate: Callable[[dict[str, Any]], dict[str, Any]] | None = None  # edit the good answer
    refusal: str | None = None  # answer with an empty content and this refusal


def map_answer(user: str) -> dict[str, Any]:
    blocks = [(int(i), MARK.sub("", text)) for i, text in BLOCK_LINE.findall(user)]
    first, last = blocks[0][0], blocks[-1][0]
    middle_id, middle_text = blocks[len(blocks) // 2]
    words = middle_text.split()
    listed = TOPIC_STARTS.search(user)
    marked = QUOTE_CANDIDATES.search(user)
    starts = [int(n) for n in re.findall(r"(\d+)(?: \([\d:]+\))?", listed.group(1))] if listed else [first]
    text = dict(blocks)
    return {
        "sections": [
            {
                "start_block": start,
                "title": f"{_topic(text[start]).capitalize()} from {start} to {last}",
                "summary": "The talk turns to " + ", ".join(sorted(text[start].split(), key=len)[-3:]) + ".",
            }
            for start in starts
        ],
        "advice": [{"block": middle_id, "speaker": None, "text": f"Write down the {max(words, key=len)} every week"}],
        "quotes": [int(n) for n in re.findall(r"\d+", marked.group(1))][:1] if marked else [],
        "resources": [{"block": first, "kind": "website", "name": f"Site of block {first}"}],
    }


def _topic(text: str) -> str:
    """What a block of the test transcripts (`line 12 so we compost heaps with …`) is about: its
    fifth word, or its longest in any other text."""
    words = text.split()
    return words[4] if len(words) > 4 else max(words, key=len)


def merge_answer(user: str) -> dict[str, Any]:
    spans = [tuple(map(int, m.groups())) for line in user.splitlines() if (m := SECTION_LINE.match(line))]
    numbers = _numbers(user)
    return {
        "sections": [
            {"start_block": spans[0][0], "title": f"Merged {spans[0][0]}-{spans[-1][1]}", "summary": "Merged sections."}
        ],
        "advice": numbers["Advice"][:2],
        "quotes": numbers["Quotes"][:2],
    }


def reduce_answer(user: str) -> dict[str, Any]:
    spans = [tuple(map(int, m.groups())) for line in user.splitlines() if (m := SECTION_LINE.match(line))]
    numbers = _numbers(user)
    said = TALK_TURNS.search(user)
    return {
        "title": f"An episode on {max(said.group(1).split(), key=len).strip(',')}" if said else "An episode",
        "tagline": "What the scripted server read.",
        "summary": f"The notes had {len(spans)} sections.",
        "advice": numbers["Advice"],
        "quotes": numbers["Quotes"],
    }


def _numbers(user: str) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {"Advice": [], "Quotes": []}
    current = None
    for line in user.splitlines():
        if line.rstrip(":") in found:
            current = line.rstrip(":")
        elif current and (m := NUMBERED.match(line)):
            found[current].append(int(m.group(1)))
    return found


ANSWERS = {"map": map_answer, "merge": merge_answer, "reduce": reduce_answer}


class ScriptedServer:
    def __init__(self, json_schema: bool = True, refusal_status: int = 400) -> None:
        self.json_schema = json_schema
        self.refusal_status = refusal_status
        self.faults: list[Fault] = []
        self.requests: list[dict[str, Any]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.latency = 0.0  # seconds every answer takes
        self.tokens_per_second: float | None = None  # and, if set, its length at this writing speed
        # Batch API: uploaded files by id, batches by id; a batch runs its lines through `answer`
        # when created, and reports `batch_outcome` from its `batch_polls`-th retrieval on (in_progress before).
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.batch_outcome = "completed"  # or "expired": only the first half of the lines were run
        self.batch_polls = 1
        self.batch_calls: list[str] = []  # endpoint of every Batch API request
        self.list_summaries = False  # reduce summaries as a comma list of topics, until asked for prose
        self.invented_titles = 0  # how many reduce answers title the episode with a word it never says
        self._lock = threading.Lock()
        self._local = threading.local()  # the request the current handler thread is answering
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def script(self, *faults: Fault) -> None:
        with self._lock:
            self.faults.extend(faults)

    def steps(self) -> list[str]:
        return [r["step"] for r in self.requests]

    def _next_fault(self) -> Fault | None:
        with self._lock:
            return self.faults.pop(0) if self.faults else None

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _send_json(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                raw = server.batch_get(self.path)
                if raw is None:
                    self._send_json(404, _error(404, f"no such path {self.path}"))
                elif isinstance(raw, bytes):
                    self.send_response(200)
                    self.send_header("Content-Type", "application/octet-stream")
                    self.send_header("Content-Length", str(len(raw)))
                    self.end_headers()
                    self.wfile.write(raw)
                else:
                    self._send_json(200, raw)

            def do_POST(self) -> None:
                data = self.rfile.read(int(self.headers["Content-Length"]))
                if self.path.endswith("/files"):
                    self._send_json(200, server.upload(data, self.headers["Content-Type"]))
                    return
                if self.path.endswith("/batches"):
                    self._send_json(200, server.create_batch(json.loads(data), dict(self.headers)))
                    return
                body = json.loads(data)
                with server._lock:
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                started = time.monotonic()
                try:
                    time.sleep(server.latency)
                    status, headers, payload = server.answer(body, dict(self.headers))
                finally:
                    with server._lock:
                        server.in_flight -= 1
                        record = getattr(server._local, "record", None)
                        if record is not None:
                            record["seconds"] = time.monotonic() - started
                            server._local.record = None
                if payload is None:
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

        return Handler

    def _plain(self, body: dict[str, Any], headers: dict[str, str], user: str):
        record = {"step": "plain", "body": body, "headers": headers, "batch": False}
        self._local.record = record
        with self._lock:
            self.requests.append(record)
        words = user.split()
        content = f"This part covers {' '.join(words[:40])} and more, summarised in a few plain sentences."
        self._generate(len(content.split()))
        return 200, {}, _completion(body, content, "stop")

    def _generate(self, completion_tokens: int) -> None:
        """Time a real model would spend writing the answer, when `tokens_per_second` is set."""
        if self.tokens_per_second:
            time.sleep(completion_tokens / self.tokens_per_second)

    def upload(self, data: bytes, content_type: str) -> dict[str, Any]:
        message = BytesParser(policy=default).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + data)
        parts = {part.get_param("name", header="content-disposition"): part for part in message.iter_parts()}
        with self._lock:
            self.batch_calls.append("files")
            file_id = f"file-{len(self.files) + 1}"
            self.files[file_id] = parts["file"].get_payload(decode=True)
        return {
            "id": file_id,
            "object": "file",
            "bytes": len(self.files[file_id]),
            "created_at": int(time.time()),
            "filename": parts["file"].get_filename(),
            "purpose": parts["purpose"].get_content().strip(),
            "status": "processed",
        }

    def create_batch(self, request: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
        """Run every line now (through `answer`, so scripted faults apply); report it when polled."""
        lines = [json.loads(line) for line in self.files[request["input_file_id"]].decode().splitlines() if line]
        run = lines if self.batch_outcome == "completed" else lines[: len(lines) // 2]
        output, errors = [], []
        for number, line in enumerate(run):
            status, _, payload = self.answer(line["body"], headers, via_batch=True)
            record = {"id": f"batch_req_{number}", "custom_id": line["custom_id"]}
            if status == 200:
                output.append({**record, "response": {"status_code": 200, "body": payload}, "error": None})
            else:
                errors.append({**record, "response": {"status_code": status, "body": payload}, "error": None})
        with self._lock:
            self.batch_calls.append("batches")
            batch_id = f"batch_{len(self.batches) + 1}"
            output_id = self._store_lines(output)
            error_id = self._store_lines(errors)
            self.batches[batch_id] = {
                "id": batch_id,
                "object": "batch",
                "endpoint": request["endpoint"],
                "input_file_id": request["input_file_id"],
                "completion_window": request["completion_window"],
                "created_at": int(time.time()),
                "metadata": request.get("metadata"),
                "status": "in_progress",
                "polls": 0,
                "final": {
                    "status": self.batch_outcome,
                    "output_file_id": output_id,
                    "error_file_id": error_id,
                    "request_counts": {"total": len(lines), "completed": len(output), "failed": len(errors)},
                },
            }
            return self._public(batch_id)

    def _store_lines(self, lines: list[dict[str, Any]]) -> str | None:
        if not lines:
            return None
        file_id = f"file-{len(self.files) + 1}"
        self.files[file_id] = "".join(json.dumps(line) + "\n" for line in lines).encode()
        return file_id

    def _public(self, batch_id: str) -> dict[str, Any]:
        batch = self.batches[batch_id]
        shown = {k: v for k, v in batch.items() if k not in ("polls", "final")}
        if batch["polls"] > self.batch_polls - 1 and batch["polls"] > 0:
            shown.update(batch["final"])
        else:
            shown["request_counts"] = {"total": batch["final"]["request_counts"]["total"], "completed": 0, "failed": 0}
        return shown

    def batch_get(self, path: str) -> dict[str, Any] | bytes | None:
        with self._lock:
            self.batch_calls.append(path.split("/")[2])
            if match := re.fullmatch(r"/v1/batches/([\w-]+)", path):
                if match.group(1) not in self.batches:
                    return None
                self.batches[match.group(1)]["polls"] += 1
                return self._public(match.group(1))
            if match := re.fullmatch(r"/v1/files/([\w-]+)/content", path):
                return self.files.get(match.group(1))
        return None

    def answer(self, body: dict[str, Any], headers: dict[str, str], via_batch: bool = False):
        fmt = body.get("response_format") or {}
        step = fmt.get("json_schema", {}).get("name") if fmt.get("type") == "json_schema" else None
        user = next(m["content"] for m in body["messages"] if m["role"] == "user")
        if not fmt:  # a plain chat request (another tool's): a short prose answer
            return self._plain(body, headers, user)
        if step is None:  # JSON mode: the schema is in the first system message
            schema_text = body["messages"][0]["content"]
            step = "reduce" if '"tagline"' in schema_text else "map" if '"resources"' in schema_text else "merge"
        record = {"step": step, "body": body, "headers": headers, "batch": via_batch}
        self._local.record = record
        with self._lock:
            self.requests.append(record)
        if fmt.get("type") == "json_schema":
            if not self.json_schema:
                status = self.refusal_status
                return status, {}, _error(status, "response_format json_schema is not supported by this server")
            problems = strict_problems(fmt["json_schema"]["schema"])
            if problems:
                return 400, {}, _error(400, "Invalid schema for response_format: " + problems[0])
        fault = self._next_fault()
        if fault and fault.delay:
            time.sleep(fault.delay)
        if fault and fault.drop:
            return 0, {}, None
        if fault and fault.status != 200:
            return fault.status, fault.headers, _error(fault.status, f"scripted {fault.status}")
        answer = _fit(ANSWERS[step](user), model_schema(step))
        asked_for_prose = "not a paragraph" in body["messages"][-1]["content"]
        if step == "reduce" and self.list_summaries and not asked_for_prose:
            answer["summary"] = "Topics: compost, seedlings, barrels, hives, roses, heating, blight, beds, catalogues."
        if step == "reduce" and self.invented_titles:
            self.invented_titles -= 1
            answer["title"] = "A Guide to Submarines"
        if fault and fault.mutate:
            answer = fault.mutate(answer)
        content = fault.body if fault and fault.body is not None else json.dumps(answer)
        message: dict[str, Any] = {"role": "assistant", "content": content}
        if fault and fault.refusal:
            message = {"role": "assistant", "content": None, "refusal": fault.refusal}
            content = ""
        self._generate(len(content.split()))
        return 200, {}, _completion(body, content, fault.finish_reason if fault else "stop", message)


def _completion(
    body: dict[str, Any], content: str, finish_reason: str, message: dict[str, Any] | None = None
) -> dict[str, Any]:
    prompt_tokens = sum(len(m["content"].split()) for m in body["messages"])
    return {
        "id": f"chatcmpl-{time.monotonic_ns()}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body["model"],
        "choices": [
            {
                "index": 0,
                "message": message or {"role": "assistant", "content": content},
                "finish_reason": finish_reason,
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": len(content.split()),
            "total_tokens": prompt_tokens + len(content.split()),
        },
    }


def _fit(answer: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """Cut lists to the schema's maxItems, as constrained decoding would."""
    return {
        key: value[: schema["properties"][key].get("maxItems")] if isinstance(value, list) else value
        for key, value in answer.items()
    }


def _error(status: int, message: str) -> dict[str, Any]:
    return {
        "error": {
            "message": message,
            "type": "invalid_request_error" if status < 500 else "server_error",
            "code": status,
        }
    }
