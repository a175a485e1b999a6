package org.cbdf.portal.policy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.web.multipart.MultipartFile;

/**
 * A new version of a rule pack as the policy administrator gave it: a file chosen, or the YAML pasted. The
 * text goes to the policy API as it is (the service validates and compiles it); here only what cannot be sent
 * at all is refused: nothing given, both given, a file that is not UTF-8 text. {@code error} is the message key.
 */
public record RulePackUpload(String yaml, String fileName, String error) {

    static RulePackUpload of(MultipartFile file, String pasted) {
        boolean hasFile = file != null && !file.isEmpty();
        boolean hasText = pasted != null && !pasted.isBlank();
        if (hasFile && hasText) {
            return new RulePackUpload(pasted, file.getOriginalFilename(), "rulePack.error.both");
        }
        if (!hasFile && !hasText) {
            return new RulePackUpload("", null, "rulePack.error.nothing");
        }
        if (hasText) {
            return new RulePackUpload(pasted, null, null);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file.getBytes())).toString();
            return text.isBlank() ? new RulePackUpload("", file.getOriginalFilename(), "rulePack.error.nothing")
                    : new RulePackUpload(text, file.getOriginalFilename(), null);
        } catch (CharacterCodingException notText) {
            return new RulePackUpload("", file.getOriginalFilename(), "rulePack.error.notText");
        } catch (IOException unreadable) {
            return new RulePackUpload("", file.getOriginalFilename(), "rulePack.error.unreadable");
        }
    }

    /** The text's lines, numbered from 1 as the policy API counts them. */
    public List<String> lines() {
        return yaml.lines().toList();
    }
}
