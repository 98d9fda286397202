package thymos.kernel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static thymos.kernel.registry.TestTools.tool;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import thymos.api.json.Json;

/**
 * Keywords of JSON Schema 2020-12 that tool schemas gained with the validator library (T1.1,
 * C2 stage 12): each is checked with a value it accepts and one it refuses, the refusal naming
 * the argument's JSON pointer and the failed keyword.
 */
class Draft202012Test {

  private static final String SCHEMA = """
      {"$schema":"https://json-schema.org/draft/2020-12/schema",
       "type":"object",
       "$defs":{"port":{"type":"integer","minimum":1,"maximum":65535}},
       "properties":{
         "pair":{"type":"array","prefixItems":[{"type":"string"},{"type":"integer"}],
                 "items":false},
         "ports":{"type":"array","items":{"$ref":"#/$defs/port"}},
         "name":{"type":"string","pattern":"^[a-z]+$"},
         "id":{"oneOf":[{"type":"string"},{"type":"integer"}]},
         "card":{"type":"object","dependentRequired":{"number":["expiry"]}},
         "ship":{"type":"object",
                 "if":{"properties":{"country":{"const":"US"}}},
                 "then":{"required":["zip"]},"else":{"required":["postcode"]}},
         "strict":{"allOf":[{"properties":{"a":{"type":"integer"}}}],
                   "unevaluatedProperties":false},
         "mail":{"type":"string","format":"email"},
         "set":{"type":"array","uniqueItems":true,"contains":{"const":0},"maxContains":1},
         "step":{"type":"number","multipleOf":0.5},
         "bag":{"type":"object","propertyNames":{"maxLength":2},"maxProperties":2}
       },
       "additionalProperties":false}
      """;

  private static final ToolRegistry REGISTRY =
      ToolRegistry.builder().tool(tool("subject", SCHEMA)).build();

  private static List<SchemaError> errors(String args) {
    return REGISTRY.validate("subject", Json.parse(args.replace('\'', '"'))).errors();
  }

  @ParameterizedTest(name = "valid: {0}")
  @CsvSource(delimiter = '|', value = {
      "{'pair':['a',1]}",
      "{'ports':[22,443]}",
      "{'name':'abc'}",
      "{'id':7}",
      "{'card':{'number':'4111','expiry':'12/30'}}",
      "{'ship':{'country':'US','zip':'10001'}}",
      "{'ship':{'country':'FR','postcode':'75001'}}",
      "{'strict':{'a':1}}",
      "{'mail':'not an address'}",
      "{'set':[0,1,2]}",
      "{'step':2.5}",
      "{'bag':{'ab':1,'c':2}}"})
  void required_C2_12_2020_12KeywordsAcceptWhatTheyAllow(String args) {
    var e = errors(args);
    assertTrue(e.isEmpty(), e::toString);
  }

  @ParameterizedTest(name = "{0} -> {1} [{2}]")
  @CsvSource(delimiter = '|', value = {
      "{'pair':[1,1]}                              | /pair/0       | type",
      "{'pair':['a',1,true]}                       | /pair/2       | items",
      "{'ports':[22,70000]}                        | /ports/1      | maximum",
      "{'name':'ABC'}                              | /name         | pattern",
      "{'id':true}                                 | /id           | oneOf",
      "{'card':{'number':'4111'}}                  | /card         | dependentRequired",
      "{'ship':{'country':'US','postcode':'x'}}    | /ship         | required",
      "{'ship':{'country':'FR','zip':'x'}}         | /ship         | required",
      "{'strict':{'a':1,'b':2}}                    | /strict/b     | unevaluatedProperties",
      "{'set':[0,0]}                               | /set          | uniqueItems",
      "{'set':[0,0,1]}                             | /set          | maxContains",
      // The library names the implicit minContains (1) when contains finds nothing.
      "{'set':[1,2]}                               | /set          | minContains",
      "{'step':2.25}                               | /step         | multipleOf",
      "{'bag':{'abc':1}}                           | /bag          | propertyNames",
      "{'bag':{'a':1,'b':2,'c':3}}                 | /bag          | maxProperties"})
  void required_C2_12_2020_12ViolationsNameTheArgumentPointerAndKeyword(String args,
      String pointer, String keyword) {
    var e = errors(args);
    assertTrue(e.stream().anyMatch(x -> x.pointer().equals(pointer)
        && x.keyword().equals(keyword)), e::toString);
    String member = pointer.split("/")[1];
    assertTrue(e.stream().allMatch(x -> x.pointer().startsWith("/" + member)), e::toString);
  }
}
