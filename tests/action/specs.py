"""Spec texts the Action tests share."""

from __future__ import annotations

# An OpenAPI document whose request and response bodies are the $ref target schemas/node.yaml.
NODES = """\
openapi: 3.1.0
info: {title: Nodes, version: '1'}
paths:
  /nodes:
    post:
      operationId: createNode
      requestBody:
        content:
          application/json:
            schema: {$ref: 'schemas/node.yaml'}
      responses:
        '200': {description: the node}
"""
