package org.cbdf.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every text of the portal in English and Simplified Chinese. */
class MessagesTests {

    @Test
    void englishAndChineseHaveTheSameKeys() throws IOException {
        Properties english = messages("messages.properties");
        Properties chinese = messages("messages_zh_CN.properties");

        assertThat(chinese.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        chinese.forEach((key, text) -> assertThat((String) text).as(key.toString()).isNotBlank());
    }

    @Test
    void everyKeyATemplateNamesIsTranslated() throws IOException {
        Properties english = messages("messages.properties");
        Properties chinese = messages("messages_zh_CN.properties");
        Set<String> used = new TreeSet<>();
        // #{key} and #{key(arguments)}; keys built at run time ('status.' + …) are checked by their own tests
        Pattern literalKey = Pattern.compile("#\\{([A-Za-z][A-Za-z0-9_.]*)[}(]");
        try (Stream<Path> templates = Files.list(Path.of("src/main/resources/templates"))) {
            for (Path template : templates.toList()) {
                Matcher keys = literalKey.matcher(Files.readString(template));
                while (keys.find()) {
                    used.add(keys.group(1));
                }
            }
        }

        assertThat(used).hasSizeGreaterThan(100);
        assertThat(english.stringPropertyNames()).containsAll(used);
        assertThat(chinese.stringPropertyNames()).containsAll(used);
    }

    private static Properties messages(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesTests.class.getResourceAsStream("/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
