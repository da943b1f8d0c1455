#!/usr/bin/env python3
"""Derives AK/SK signing vectors from Huawei Cloud's official Python SDK.

The Rust signer in templates/runtime/signer.rs must produce the same canonical request and the
same Authorization header, byte for byte, as huaweicloudsdkcore's Signer. This script signs a
set of requests with that Signer and writes what it produced to vectors.json, which
tests/tests/signing.rs replays. Regenerate with:

    pip install huaweicloudsdkcore==3.1.219
    python3 tests/signing/make_vectors.py > tests/signing/vectors.json
"""

import copy
import json

from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer

AK = "HPUAEXAMPLEAK00000000"
SK = "ExampleSecretKey0000000000000000000000000"
DATE = "20261123T101112Z"
JSON_HEADERS = {"Content-Type": "application/json", "User-Agent": "huaweicloud-client-rust/0.1.0"}


class Credentials:
    ak = AK
    sk = SK


CASES = [
    ("get_without_query", "GET", "modelarts.cn-north-4.myhuaweicloud.com", "/v1/p1/notebooks", [], {}, None),
    (
        "query_encoding",
        "GET",
        "modelarts.cn-north-4.myhuaweicloud.com",
        "/v1/p1/notebooks",
        [("name", "my nb"), ("sort_key", "createTime,updateTime"), ("owner", "名字"), ("tilde", "a~b"),
         ("tag", "b"), ("tag", "a"), ("limit", "10"), ("empty", ""), ("reserved", "a+b=c&d/e?f")],
        {},
        None,
    ),
    ("post_with_empty_body", "POST", "modelarts.cn-north-4.myhuaweicloud.com", "/v1/p1/dev-servers/jobs", [], {}, b""),
    (
        "post_with_json_body",
        "POST",
        "modelarts.cn-north-4.myhuaweicloud.com",
        "/v1/p1/dev-servers/jobs",
        [],
        {},
        b'{"name":"hdk_upgrade_task","server_ids":["66d210bc-023c-490a-8664-afd321a163ad"]}',
    ),
    ("trailing_slash", "GET", "modelarts.cn-north-4.myhuaweicloud.com", "/v1/p1/notebooks/", [], {}, None),
    ("host_with_port", "PUT", "127.0.0.1:8443", "/v1/p1/dev-servers/sync", [("limit", "10"), ("offset", "0")], {}, None),
    ("encoded_path_segment", "GET", "modelarts.cn-north-4.myhuaweicloud.com", "/v1/a%20b%2Cc/notebooks", [], {}, None),
    (
        "project_and_security_token",
        "GET",
        "modelarts.cn-north-4.myhuaweicloud.com",
        "/v1/p1/notebooks",
        [("limit", "50")],
        {"X-Project-Id": "p1", "X-Security-Token": "temporary-token"},
        None,
    ),
    (
        "unsigned_payload_for_multipart",
        "POST",
        "apig.cn-north-4.myhuaweicloud.com",
        "/v2/p1/apigw/instances/i1/openapi/async-import",
        [],
        {"Content-Type": "multipart/form-data; boundary=XyZ"},
        b"--XyZ\r\nContent-Disposition: form-data; name=\"is_create_group\"\r\n\r\ntrue\r\n--XyZ--\r\n",
    ),
    (
        "header_with_underscore_is_not_signed",
        "DELETE",
        "modelarts.cn-north-4.myhuaweicloud.com",
        "/v1/p1/notebooks/n1",
        [],
        {"X_Custom": "skipped", "X-Custom": "  padded  "},
        None,
    ),
]


def vector(name, method, host, path, query, extra_headers, body):
    headers = dict(JSON_HEADERS)
    headers.update(extra_headers)
    headers["X-Sdk-Date"] = DATE
    request = SdkRequest(method=method, schema="https", host=host, resource_path=path,
                         query_params=list(query), header_params=dict(headers), body=body)

    # The canonical request, computed with the Signer's own steps, before it signs.
    signer = Signer(Credentials())
    probe = copy.deepcopy(request)
    signer._process_content_header(probe)
    signer._process_header_time(probe)
    signer._process_header_host(probe)
    signed_headers = signer._process_signed_headers(probe)
    canonical = signer._process_canonical_request(probe, signed_headers)

    signed = Signer(Credentials()).sign(request)
    return {
        "name": name,
        "method": method,
        "host": host,
        "path": path,
        "query": [list(pair) for pair in query],
        "headers": headers,
        "body": None if body is None else body.decode("utf-8"),
        "canonical_request": canonical,
        "signed_headers": signed_headers,
        "authorization": signed.header_params["Authorization"],
        "content_sha256": signed.header_params.get("X-Sdk-Content-Sha256"),
        "uri": signed.uri,
    }


if __name__ == "__main__":
    print(json.dumps({"ak": AK, "sk": SK, "vectors": [vector(*case) for case in CASES]}, indent=2, ensure_ascii=False))
