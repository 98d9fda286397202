package thymos.kernel.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static thymos.kernel.registry.TestTools.tool;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import thymos.api.ConfigurationException;
import thymos.api.json.Json;

/** Argument validation against a tool's input schema (C2 stage 12) and schema loading (T1.1). */
class ArgsValidationTest {

  private static final String SCHEMA = """
      {"$schema":"https://json-schema.org/draft/2020-12/schema",
       "type":"object", "description":"all supported keywords",
       "properties":{
         "path":{"type":"string","minLength":1,"maxLength":10},
         "mode":{"enum":["text","json"]},
         "count":{"type":"integer","minimum":1,"maximum":5},
         "ratio":{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":1},
         "opts":{"type":"object","properties":{"deep":{"type":"boolean"}},
                 "required":["deep"],"additionalProperties":false},
         "tags":{"type":"array","items":{"type":"string","maxLength":3},"minItems":1,"maxItems":2},
         "v":{"const":1},
         "a/b~c":{"type":["string","null"]},
         "meta":{"additionalProperties":{"type":"integer"}}
       },
       "required":["path"],
       "additionalProperties":false}
      """;

  private static final ToolRegistry REGISTRY =
      ToolRegistry.builder().tool(tool("subject", SCHEMA)).build();

  private static ArgsValidation validate(String args) {
    return REGISTRY.validate("subject", Json.parse(args));
  }

  @ParameterizedTest(name = "valid: {0}")
  @ValueSource(strings = {
      "{'path':'a'}",
      "{'path':'0123456789','mode':'json','count':5,'ratio':0.5,'opts':{'deep':true},"
          + "'tags':['ab','abc'],'v':1.0,'a/b~c':null,'meta':{'x':1}}",
      "{'path':'a','count':2.0}",
      "{'path':'a','ratio':0.999}",
      "{'path':'😀😀😀😀😀😀😀😀😀😀'}"})
  void required_C2_12_argsSatisfyingEveryKeywordAreValid(String args) {
    var result = validate(args.replace('\'', '"'));
    assertTrue(result.isValid(), () -> result.errors().toString());
  }

  @ParameterizedTest(name = "{0} -> {1} [{2}]")
  @CsvSource(delimiter = '|', value = {
      "{}                                          |              | required",
      "[]                                          |              | type",
      "{'path':5}                                  | /path        | type",
      "{'path':''}                                 | /path        | minLength",
      "{'path':'01234567890'}                      | /path        | maxLength",
      "{'path':'a','extra':1}                      | /extra       | additionalProperties",
      "{'path':'a','mode':'xml'}                   | /mode        | enum",
      "{'path':'a','count':0}                      | /count       | minimum",
      "{'path':'a','count':6}                      | /count       | maximum",
      "{'path':'a','count':1.5}                    | /count       | type",
      "{'path':'a','ratio':0}                      | /ratio       | exclusiveMinimum",
      "{'path':'a','ratio':1}                      | /ratio       | exclusiveMaximum",
      "{'path':'a','opts':{}}                      | /opts        | required",
      "{'path':'a','opts':{'deep':'yes'}}          | /opts/deep   | type",
      "{'path':'a','opts':{'deep':true,'x':1}}     | /opts/x      | additionalProperties",
      "{'path':'a','tags':[]}                      | /tags        | minItems",
      "{'path':'a','tags':['a','b','c']}           | /tags        | maxItems",
      "{'path':'a','tags':['ab','abcd']}           | /tags/1      | maxLength",
      "{'path':'a','tags':['a',1]}                 | /tags/1      | type",
      "{'path':'a','v':2}                          | /v           | const",
      "{'path':'a','a/b~c':1}                      | /a~1b~0c     | type",
      "{'path':'a','meta':{'k':'x'}}               | /meta/k      | type"})
  void required_C2_12_eachViolationNamesItsPointerAndKeyword(String args, String pointer,
      String keyword) {
    var result = validate(args.replace('\'', '"'));
    assertEquals(List.of(pointer == null ? "" : pointer), result.errors().stream()
        .map(SchemaError::pointer).toList(), result.errors()::toString);
    assertEquals(keyword, result.errors().get(0).keyword());
  }

  @Test
  void required_C2_12_everyViolationIsReportedInOneResult() {
    var result = validate("{\"path\":5,\"extra\":1,\"count\":9}");
    assertEquals(List.of("/count maximum", "/extra additionalProperties", "/path type"),
        result.errors().stream().map(e -> e.pointer() + " " + e.keyword()).sorted().toList());
    assertTrue(result instanceof ArgsValidation.Invalid);
  }

  @Test
  void numberTypeAcceptsIntegersButIntegerTypeRefusesFractions() {
    var r = ToolRegistry.builder().tool(tool("n", "{\"type\":\"number\"}"))
        .tool(tool("i", "{\"type\":\"integer\"}")).build();
    assertTrue(r.validate("n", Json.integer(3)).isValid());
    assertTrue(r.validate("i", Json.parse("3.0")).isValid());
    assertEquals("type", r.validate("i", Json.parse("3.5")).errors().get(0).keyword());
  }

  /**
   * Refused at registration (THY-T101): not valid against the 2020-12 meta-schema, or outside
   * the Thymos policy (a keyword of no 2020-12 vocabulary, a reference leaving the document,
   * another draft). Until the validator library replaced the Thymos subset, {@code pattern},
   * {@code oneOf}, {@code format} and in-document {@code $ref} were refused here too; they now
   * validate ({@link Draft202012Test}). {@code "enum":[]} is valid 2020-12 (it accepts nothing).
   */
  @ParameterizedTest(name = "{0} -> load error at {1} [{2}]")
  @CsvSource(delimiter = '|', value = {
      "{'properties':{'x':{'$ref':'#/$defs/y'}}}            | /properties/x/$ref    | $ref",
      "{'$schema':'http://json-schema.org/draft-07/schema#'} | /$schema             | $schema",
      "{'$defs':{'a':{'$schema':'https://json-schema.org/draft/2019-09/schema'}}} "
          + "| /$defs/a/$schema | $schema",
      "{'type':'str'}                                       | /type                 | type",
      "{'type':[]}                                          | /type                 | type",
      "{'properties':[]}                                    | /properties           | properties",
      "{'properties':{'type':3}}                            | /properties/type      | properties",
      "{'required':['a','a']}                               | /required             | required",
      "{'minLength':-1}                                     | /minLength            | minLength",
      "{'maxItems':1.5}                                     | /maxItems             | maxItems",
      "{'minimum':'1'}                                      | /minimum              | minimum",
      "{'pattern':3}                                        | /pattern              | pattern",
      "{'additionalProperties':3}                           | /additionalProperties | additionalProperties",
      "{'items':{'minLenght':1}}                            | /items/minLenght      | minLenght",
      "{'properties':{'a':{'x-hint':1}}}                    | /properties/a/x-hint  | x-hint",
      "{'$vocabulary':{}}                                   | /$vocabulary          | $vocabulary",
      "{'$ref':'https://example.com/schema.json'}           | /$ref                 | $ref",
      "{'items':{'$ref':'file:///etc/passwd'}}              | /items/$ref           | $ref",
      "{'$ref':'classpath:draft/2020-12/schema'}            | /$ref                 | $ref",
      "{'$id':'https://example.com/a','$ref':'b.json'}      | /$ref                 | $ref",
      "{'$dynamicRef':'https://example.com/s#meta'}         | /$dynamicRef          | $dynamicRef",
      "{'properties':{'a':{'$ref':'#nowhere'}}}             | /                     | schema",
      "{'$defs':{'x':{'$id':'inner','$ref':'#/nothing'}}}   | /                     | schema"})
  void required_T1_1_aSchemaTheValidatorCannotLoadIsRefusedAtRegistration(String schema,
      String pointer, String keyword) {
    var e = assertThrows(ConfigurationException.class, () -> ToolRegistry.builder()
        .tool(tool("bad_schema", schema.replace('\'', '"'))));
    assertEquals("THY-T101", e.code());
    assertTrue(e.getMessage().contains("\"bad_schema\" of provider explicit")
        && e.getMessage().contains(pointer + " [" + keyword + "]"), e.getMessage());
  }

  @Test
  void emptyEnumIsValid2020_12AndAcceptsNothing() {
    var r = ToolRegistry.builder().tool(tool("t", "{\"enum\":[]}")).build();
    assertEquals("enum", r.validate("t", Json.parse("{}")).errors().get(0).keyword());
  }

  @Test
  void booleanSubschemaFalseRefusesAnyValue() {
    var r = ToolRegistry.builder()
        .tool(tool("t", "{\"properties\":{\"never\":false}}")).build();
    assertTrue(r.validate("t", Json.parse("{}")).isValid());
    var err = r.validate("t", Json.parse("{\"never\":1}")).errors();
    // The message is the library's (it was "no value is allowed here" before).
    assertEquals(List.of(new SchemaError("/never", "false", "schema for 'never' is false")), err);
  }
}
