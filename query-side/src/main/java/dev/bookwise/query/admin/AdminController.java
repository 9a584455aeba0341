package dev.bookwise.query.admin;

import dev.bookwise.web.auth.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admin only: rebuild every read model from the event store while the current ones keep serving. */
@RestController
class AdminController {

    private final ReadModelRebuild rebuild;

    AdminController(ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping("/api/admin/read-models/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ReadModelRebuild.Status start(Caller caller) {
        caller.requireAdmin();
        return rebuild.start();
    }

    @GetMapping("/api/admin/read-models/rebuild")
    ReadModelRebuild.Status status(Caller caller) {
        caller.requireAdmin();
        return rebuild.status();
    }
}
