package org.rightsflow.web.privacy;

import java.util.Arrays;
import org.rightsflow.request.RequestType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The Privacy Center's front page: the rights a requester has, in zh-CN or en. */
@Controller
public class PrivacyCenterController {

    @GetMapping("/")
    public String root() {
        return "redirect:/privacy";
    }

    @GetMapping("/privacy")
    public String home(@RequestParam(name = "lang", defaultValue = "zh-CN") String lang, Model model) {
        String language = "en".equals(lang) ? "en" : "zh-CN";
        model.addAttribute("lang", language);
        model.addAttribute("rights", Arrays.stream(RequestType.values()).map(t -> new Right(t.name(), t.label(language))).toList());
        return "privacy/home";
    }

    public record Right(String code, String label) {
    }
}
