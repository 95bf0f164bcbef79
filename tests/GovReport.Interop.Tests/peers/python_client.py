#!/usr/bin/python3
"""GovReport interop client on Debian's python3-grpcio (a gRPC stack nobody here wrote).

    /usr/bin/python3 python_client.py --target 127.0.0.1:5080 --stubs DIR SCENARIO [--ca ca.pem] [--token grt_...]

DIR holds modules generated from protos/ and google/rpc/{status,error_details}.proto:
    protoc -I protos -I <google-proto-files> --python_out=DIR \
      --plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin --grpc_python_out=DIR \
      govreport/testing/v1/echo.proto google/rpc/status.proto google/rpc/error_details.proto
Prints one JSON object with what it observed; the xunit test asserts on it.
"""
import argparse
import base64
import json
import queue
import sys

import grpc

ECHO = "/govreport.testing.v1.EchoService/"


def rpc_error(err):
    """The status of a failed call, with google.rpc.Status decoded from grpc-status-details-bin."""
    from google.rpc import error_details_pb2, status_pb2

    out = {"code": err.code().name, "details": err.details()}
    for key, value in err.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            status = status_pb2.Status.FromString(value)
            out["status_code"] = status.code
            out["status_message"] = status.message
            out["detail_types"] = [any_.type_url for any_ in status.details]
            for any_ in status.details:
                if any_.Is(error_details_pb2.BadRequest.DESCRIPTOR):
                    bad = error_details_pb2.BadRequest()
                    any_.Unpack(bad)
                    out["violations"] = [{"field": v.field, "description": v.description}
                                         for v in bad.field_violations]
                elif any_.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
                    info = error_details_pb2.ErrorInfo()
                    any_.Unpack(info)
                    out["error_info"] = {"reason": info.reason, "domain": info.domain}
    return out


def metadata_dict(md):
    out = {}
    for key, value in md or ():
        out[key] = base64.b64encode(value).decode() if key.endswith("-bin") else value
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario")
    parser.add_argument("--target", required=True)
    parser.add_argument("--stubs", required=True)
    parser.add_argument("--ca")
    parser.add_argument("--token")
    args = parser.parse_args()
    sys.path.insert(0, args.stubs)
    from govreport.testing.v1 import echo_pb2 as pb, echo_pb2_grpc as pb_grpc

    options = [("grpc.max_receive_message_length", 16 * 1024 * 1024)]
    if args.ca:
        with open(args.ca, "rb") as f:
            credentials = grpc.ssl_channel_credentials(root_certificates=f.read())
        channel = grpc.secure_channel(args.target, credentials, options=options)
    elif args.scenario == "gzip":
        channel = grpc.insecure_channel(args.target, options=options, compression=grpc.Compression.Gzip)
    else:
        channel = grpc.insecure_channel(args.target, options=options)
    stub = pb_grpc.EchoServiceStub(channel)
    s = args.scenario
    result = {}
    try:
        if s in ("unary", "tls"):
            result["text"] = stub.Echo(pb.EchoRequest(text="你好，政府信息公开"), timeout=10).text
        elif s == "server_streaming":
            replies = list(stub.Expand(pb.ExpandRequest(text="报告", count=5), timeout=10))
            result["texts"] = [r.text for r in replies]
            result["indexes"] = [r.index for r in replies]
        elif s == "client_streaming":
            reply = stub.Collect(iter([pb.CollectRequest(text=t) for t in ("一", "二", "三")]), timeout=10)
            result = {"text": reply.text, "count": reply.count}
        elif s == "bidi":
            # Ping-pong: the next request is sent only after the previous reply arrived, so the server must
            # answer each message while the request stream is still open.
            outbox = queue.Queue()
            outbox.put(pb.ChatRequest(text="第1条"))

            def requests():
                while True:
                    item = outbox.get()
                    if item is None:
                        return
                    yield item

            texts = []
            for reply in stub.Chat(requests(), timeout=10):
                texts.append(reply.text)
                outbox.put(pb.ChatRequest(text=f"第{len(texts) + 1}条") if len(texts) < 3 else None)
            result["texts"] = texts
        elif s == "error_details":
            try:
                stub.Echo(pb.EchoRequest(text="x", fail_with_code=3), timeout=10)
                result["code"] = "OK"
            except grpc.RpcError as err:
                result = rpc_error(err)
        elif s == "deadline":
            try:
                stub.Echo(pb.EchoRequest(text="slow", delay_ms=5000), timeout=0.3)
                result["code"] = "OK"
            except grpc.RpcError as err:
                result = rpc_error(err)
        elif s == "unimplemented":
            codes = {}
            for method in (ECHO + "NoSuchMethod", "/govreport.testing.v1.NoSuchService/Echo"):
                call = channel.unary_unary(method, request_serializer=None, response_deserializer=None)
                try:
                    call(b"", timeout=10)
                    codes[method] = "OK"
                except grpc.RpcError as err:
                    codes[method] = err.code().name
            result["codes"] = codes
        elif s == "metadata":
            reply, call = stub.Echo.with_call(
                pb.EchoRequest(text="md"), timeout=10,
                metadata=[("x-echo", "hello-metadata"), ("x-echo-bin", bytes([0, 1, 2, 0xFE, 0xFF]))])
            result = {"text": reply.text, "headers": metadata_dict(call.initial_metadata()),
                      "trailers": metadata_dict(call.trailing_metadata())}
        elif s == "gzip":
            payload = ("国务院办公厅政府信息公开" * 4000).encode()
            reply = stub.Echo(pb.EchoRequest(text="gz", payload_bytes=payload), timeout=10)
            result = {"text": reply.text, "payload_equal": reply.payload_bytes == payload, "size": len(payload)}
        elif s == "oversized":
            try:
                stub.Echo(pb.EchoRequest(text="big", payload_bytes=b"\0" * (5 * 1024 * 1024)), timeout=20)
                result["code"] = "OK"
            except grpc.RpcError as err:
                result = rpc_error(err)
            # The connection stays usable after the rejection.
            result["after"] = stub.Echo(pb.EchoRequest(text="after"), timeout=10).text
        elif s == "token":
            from govreport.v1 import template_pb2, template_pb2_grpc
            templates = template_pb2_grpc.TemplateServiceStub(channel)
            auth = [("authorization", "Bearer " + args.token)]
            reply = templates.ListTemplates(template_pb2.ListTemplatesRequest(), timeout=10, metadata=auth)
            result["names"] = [t.name for t in reply.templates]
            try:
                templates.ListTemplates(template_pb2.ListTemplatesRequest(), timeout=10)
                result["without_token"] = {"code": "OK"}
            except grpc.RpcError as err:
                result["without_token"] = rpc_error(err)
        elif s == "health":
            check = channel.unary_unary("/grpc.health.v1.Health/Check", request_serializer=None,
                                        response_deserializer=None)
            raw = check(b"", timeout=10)
            # HealthCheckResponse{status = 1 (SERVING)} is the two bytes 08 01.
            result["response_hex"] = raw.hex()
        else:
            print(json.dumps({"error": f"unknown scenario {s}"}))
            return 2
    finally:
        channel.close()
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
