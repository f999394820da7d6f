"""The GraphQL SDL loader: ``.graphql``, ``.graphqls`` and ``.gql`` files into the model."""

from __future__ import annotations

from speclint.loaders.graphql.loader import GraphQLLoader

__all__ = ["GraphQLLoader"]
