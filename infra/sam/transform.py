#!/usr/bin/env python3
"""template.yaml -> the CloudFormation JSON that AWS SAM deploys, offline (no AWS calls).

Usage: python infra/sam/transform.py [template.yaml]   (prints JSON on stdout)

Uses aws-sam-translator (the library `sam deploy` and CloudFormation's AWS::Serverless
transform run), as cfn-lint does. Parameters get dummy values and the region is us-east-1;
AWS managed policies named in `Policies` resolve to arn:aws:iam::aws:policy/<name> without
asking IAM. The tests read the functions' roles from the output (TemplatePermissionsTest).
"""
import json
import os
import sys

import yaml
from samtranslator.parser.parser import Parser
from samtranslator.translator.translator import Translator

SHORT_FORMS = ["Ref", "Condition"]
FN = ["And", "Base64", "Cidr", "Equals", "FindInMap", "GetAZs", "If", "ImportValue", "Join",
      "Not", "Or", "Select", "Split", "Sub", "Transform", "GetAtt", "ToJsonString", "Length"]


class CfnLoader(yaml.SafeLoader):
    """YAML with CloudFormation's short forms (!Ref, !Sub, !GetAtt a.b, ...)."""


def _construct(tag_name):
    key = tag_name if tag_name in SHORT_FORMS else "Fn::" + tag_name

    def construct(loader, node):
        if isinstance(node, yaml.ScalarNode):
            value = loader.construct_scalar(node)
            if tag_name == "GetAtt":
                value = value.split(".", 1)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)
        return {key: value}

    return construct


for _name in SHORT_FORMS + FN:
    CfnLoader.add_constructor("!" + _name, _construct(_name))

# Dummy parameter values: the translator needs some; none of them shapes a role.
PARAMETERS = {
    "MailFrom": "reminders@example.org",
    "MailFromIdentity": "example.org",
    "PublicBaseUrl": "",
    "SendRateShare": "0.8",
}


class AwsManagedPolicies(dict):
    """Any AWS managed policy name -> its ARN, instead of listing them through IAM (offline)."""

    def __missing__(self, name):
        return "arn:aws:iam::aws:policy/" + name

    def __contains__(self, name):
        return True


def packaged(template):
    """CodeUri and a layer's ContentUri as `sam package` leaves them (S3 URIs): the translator takes no local folder."""
    function = template.get("Globals", {}).get("Function", {})
    if "CodeUri" in function:
        function["CodeUri"] = "s3://bucket/cutoff.zip"
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties") or {}
        if resource.get("Type") == "AWS::Serverless::Function" and "CodeUri" in properties:
            properties["CodeUri"] = "s3://bucket/cutoff.zip"
        if resource.get("Type") == "AWS::Serverless::LayerVersion" and "ContentUri" in properties:
            properties["ContentUri"] = "s3://bucket/layer.zip"


def main(argv):
    path = argv[1] if len(argv) > 1 else "template.yaml"
    with open(path, encoding="utf-8") as f:
        template = yaml.load(f, Loader=CfnLoader)
    packaged(template)
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    translator = Translator(managed_policy_map=AwsManagedPolicies(), sam_parser=Parser())
    output = translator.translate(sam_template=template, parameter_values=dict(PARAMETERS))
    json.dump(output, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
