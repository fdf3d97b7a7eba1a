package io.github.slothunter.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.slothunter.api.Gender;
import io.github.slothunter.api.Patient;
import io.github.slothunter.api.SlotHunterException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the patient an auto-booking watch books for, from a small JSON or properties file:
 *
 * <pre>{@code
 * {"firstName": "Sara", "lastName": "Ahmadi", "nationalCode": "0499370899",
 *  "mobile": "09121234567", "gender": "female"}
 * }</pre>
 *
 * or the same keys as {@code key=value} lines. {@code gender} is optional ({@code male},
 * {@code female}, {@code unspecified}); snake_case keys ({@code first_name}) work too. Every problem
 * is a {@link CliException} with exit code {@value ExitCodes#BAD_INPUT} naming the file and the
 * field, never the value. Stateless.
 */
final class PatientFile {
  static final List<String> FIELDS = List.of("firstName", "lastName", "nationalCode", "mobile", "gender");
  private static final int MAX_BYTES = 64 * 1024;

  private PatientFile() {}

  /** Reads and validates a patient file. */
  static Patient read(Path file) {
    String text = readText(file, "patient file");
    String start = text.stripLeading();
    Map<String, String> fields = start.startsWith("{") || start.startsWith("[") ? fromJson(file, text)
        : fromProperties(file, text);
    return patient(file, fields);
  }

  /**
   * A patient from fields written elsewhere (a --config file's {@code patient:}), validated as a
   * patient file's.
   *
   * @param source the file the fields came from, for the error sentences
   */
  static Patient of(Path source, Map<String, String> raw) {
    return patient(source, canonical(source, raw));
  }

  private static Patient patient(Path file, Map<String, String> fields) {
    for (String required : List.of("firstName", "lastName", "nationalCode", "mobile")) {
      if (!fields.containsKey(required) || fields.get(required).isBlank()) {
        throw CliException.badInput("patient file " + file + " has no '" + required + "' (it needs "
            + String.join(", ", FIELDS.subList(0, 4)) + ", and optionally gender)", "پروندهٔ بیمار " + file
            + " فیلد «" + required + "» را ندارد (لازم‌ها: " + String.join("، ", FIELDS.subList(0, 4)) + ")");
      }
    }
    Gender gender = gender(file, fields.getOrDefault("gender", ""));
    try {
      return new Patient(fields.get("firstName"), fields.get("lastName"), fields.get("nationalCode"),
          fields.get("mobile"), gender);
    } catch (SlotHunterException e) {
      // the record's message names the field and the rule, never the value
      throw new CliException(ExitCodes.BAD_INPUT, "patient file " + file + ": " + Errors.bareMessage(e),
          "اطلاعات پروندهٔ بیمار " + file + " درست نیست (کد ملی، شمارهٔ همراه و نام را بررسی کنید)", e);
    }
  }

  static String readText(Path file, String what) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw CliException.badInput(what + " " + file + " is larger than " + MAX_BYTES / 1024 + " KB",
            "پروندهٔ " + file + " بزرگ‌تر از " + MAX_BYTES / 1024 + " کیلوبایت است");
      }
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.BAD_INPUT, what + " " + file + " does not exist", "پروندهٔ " + file
          + " وجود ندارد", e);
    } catch (CharacterCodingException e) {
      throw new CliException(ExitCodes.BAD_INPUT, what + " " + file + " is not UTF-8 text", "پروندهٔ " + file
          + " متن UTF-8 نیست", e);
    } catch (IOException e) {
      throw new CliException(ExitCodes.BAD_INPUT, what + " " + file + " cannot be read: " + e.getMessage(),
          "پروندهٔ " + file + " خوانده نشد", e);
    }
  }

  private static Map<String, String> fromJson(Path file, String text) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
      throw new CliException(ExitCodes.BAD_INPUT, "patient file " + file + " is not valid JSON" + where,
          "پروندهٔ بیمار " + file + " JSON درستی نیست", e);
    }
    if (root == null || !root.isObject()) {
      throw CliException.badInput("patient file " + file + " must hold one JSON object",
          "پروندهٔ بیمار " + file + " باید یک شیء JSON باشد");
    }
    Map<String, String> raw = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      JsonNode v = e.getValue();
      if (!v.isTextual() && !v.isNumber() && !v.isNull()) {
        throw CliException.badInput("patient file " + file + ": '" + e.getKey() + "' must be a string",
            "در پروندهٔ بیمار " + file + " مقدار «" + e.getKey() + "» باید متن باشد");
      }
      raw.put(e.getKey(), v.isNull() ? "" : v.asText());
    }
    return canonical(file, raw);
  }

  private static Map<String, String> fromProperties(Path file, String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new CliException(ExitCodes.BAD_INPUT, "patient file " + file
          + " is neither a JSON object nor key=value lines", "پروندهٔ بیمار " + file
          + " نه JSON است و نه سطرهای key=value", e);
    }
    Map<String, String> raw = new LinkedHashMap<>();
    p.stringPropertyNames().forEach(k -> raw.put(k, p.getProperty(k)));
    if (raw.isEmpty()) {
      throw CliException.badInput("patient file " + file + " is empty; it needs " + String.join(", ", FIELDS),
          "پروندهٔ بیمار " + file + " خالی است؛ این‌ها لازم است: " + String.join("، ", FIELDS));
    }
    return canonical(file, raw);
  }

  /** Maps {@code first_name}, {@code FirstName} etc. to the canonical keys; rejects unknown keys (typos). */
  private static Map<String, String> canonical(Path file, Map<String, String> raw) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : raw.entrySet()) {
      String squashed = e.getKey().replace("_", "").replace("-", "").strip().toLowerCase(Locale.ROOT);
      String key = FIELDS.stream().filter(f -> f.toLowerCase(Locale.ROOT).equals(squashed)).findFirst()
          .orElseThrow(() -> CliException.badInput("patient file " + file + " has an unknown field '" + e.getKey()
              + "' (known: " + String.join(", ", FIELDS) + ")", "پروندهٔ بیمار " + file + " فیلد ناشناختهٔ «"
              + e.getKey() + "» دارد (شناخته‌ها: " + String.join("، ", FIELDS) + ")"));
      if (out.put(key, e.getValue() == null ? "" : e.getValue().strip()) != null) {
        throw CliException.badInput("patient file " + file + " gives '" + key + "' twice",
            "پروندهٔ بیمار " + file + " فیلد «" + key + "» را دو بار دارد");
      }
    }
    return out;
  }

  private static Gender gender(Path file, String value) {
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "":
      case "unspecified":
        return Gender.UNSPECIFIED;
      case "male":
      case "m":
      case "مرد":
        return Gender.MALE;
      case "female":
      case "f":
      case "زن":
        return Gender.FEMALE;
      default:
        throw CliException.badInput("patient file " + file + ": gender must be male, female or unspecified",
            "در پروندهٔ بیمار " + file + " جنسیت باید male، female یا unspecified باشد");
    }
  }
}
