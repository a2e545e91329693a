import { Password } from "@convex-dev/auth/providers/Password";
import { convexAuth } from "@convex-dev/auth/server";
import { ConvexError } from "convex/values";
import { textFieldProblems, throwIfProblems } from "./lib/textRules";

// E-mail + password accounts stored in this deployment: works offline and in production alike.
export const { auth, signIn, signOut, store, isAuthenticated } = convexAuth({
  providers: [
    Password({
      profile(params) {
        const email = typeof params.email === "string" ? params.email.trim().toLowerCase() : "";
        if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
          throw new ConvexError({ code: "invalid_input", message: "Enter a valid e-mail address." });
        }
        const name =
          typeof params.name === "string" && params.name.trim() !== "" ? params.name.trim() : email;
        throwIfProblems([...textFieldProblems("email", email), ...textFieldProblems("name", name)]);
        return { email, name };
      },
      validatePasswordRequirements(password) {
        if (password.length < 8) {
          throw new ConvexError({
            code: "invalid_input",
            message: "Use a password of at least 8 characters.",
          });
        }
      },
    }),
  ],
});
